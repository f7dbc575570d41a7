"""cba's default conversion factors of the economic view, each with its source.

A model's ``economic.factors`` replaces any of them and may add its own names; a line without
an ``economic:`` field takes ``standard``. The sources were checked against secondary copies
of the guide (textbooks and examination material that quote it); the article numbers of the
parameter volume were not checked against the printed guide.

==================  =====  ================================================================
name                value  basis
==================  =====  ================================================================
standard            1.0    domestic-price numeraire: market prices of non-traded items are
                           taken as they are (China's guide gives no general standard
                           conversion factor; ADB 1997, VII.H paras 105-106)
foreign_exchange    1.08   shadow exchange rate factor (影子汇率换算系数), China's guide,
                           3rd ed., parameters
skilled_labour      1.0    shadow wage factor of skilled labour (技术劳动力), same
unskilled_labour    0.5    shadow wage factor of unskilled labour (非技术劳动力): the guide
                           gives 0.25-0.8 by the local labour market (lower where such labour
                           is abundant, higher where it is scarce) and 0.5 for the middle case
==================  =====  ================================================================

>>> DEFAULT_FACTORS["foreign_exchange"][0], DEFAULT_FACTORS["unskilled_labour"][0]
(1.08, 0.5)
"""
from __future__ import annotations

__all__ = ["DEFAULT_FACTORS", "RESERVED"]

_GUIDE_ZH = "《建设项目经济评价方法与参数》（第三版，国家发展改革委、建设部，发改投资〔2006〕1325号）"
_GUIDE_EN = ("China's Methods and Parameters for the Economic Evaluation of Construction Projects, 3rd ed. "
             "(NDRC and MOC, 2006, Fagai Touzi [2006] No. 1325)")

#: name -> (value, source in Chinese, source in English)
DEFAULT_FACTORS: dict[str, tuple[float, str, str]] = {
    "standard": (1.0,
                 f"本工具默认：{_GUIDE_ZH}以国内市场价格计价、以影子汇率调整外汇，未规定通用的标准换算系数；"
                 "亚洲开发银行《项目经济分析指南》（1997）第七章 H 节第 106 段：采用国内价格计价基准时非外贸投入产出无需调整",
                 f"cba default: {_GUIDE_EN} values at domestic market prices and adjusts foreign exchange "
                 "with the shadow exchange rate, giving no general standard conversion factor; ADB Guidelines "
                 "for the Economic Analysis of Projects (1997), VII.H para 106: no adjustment of non-traded "
                 "items under the domestic price numeraire"),
    "foreign_exchange": (1.08,
                         f"{_GUIDE_ZH}，建设项目经济评价参数·经济费用效益分析参数：影子汇率换算系数取 1.08",
                         f"{_GUIDE_EN}, parameters for the economic analysis: shadow exchange rate "
                         "conversion factor 1.08"),
    "skilled_labour": (1.0,
                       f"{_GUIDE_ZH}，经济费用效益分析参数：技术劳动力的工资报酬一般由市场供求决定，影子工资换算系数一般取 1",
                       f"{_GUIDE_EN}, parameters for the economic analysis: skilled labour is paid its "
                       "market wage, shadow wage factor 1"),
    "unskilled_labour": (0.5,
                         f"{_GUIDE_ZH}，经济费用效益分析参数：非技术劳动力影子工资换算系数为 0.25–0.8，"
                         "依当地非技术劳动力供求状况确定（较为富余的地区取较低值，不太富余的地区取较高值），中间状况可取 0.5；"
                         "本工具默认取 0.5",
                         f"{_GUIDE_EN}, parameters for the economic analysis: the shadow wage factor of "
                         "unskilled labour is 0.25-0.8 by the local labour market (lower where such labour is "
                         "abundant, higher where it is scarce), 0.5 in the middle case; cba takes 0.5"),
}

#: treatments a line's ``economic:`` field may name besides the factors
RESERVED = ("transfer", "external")
