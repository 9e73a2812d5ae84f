"""Queries a reader would type over the five seed plans, each with the one plan that must come first.

Every query appears as written in the expected plan; where another plan shares a character or a shorter
word, the expected plan must still win.
"""

DONGYUAN = "plans/dongyuan-pairing/"
GAOJIAN = "plans/gaojian-jinzhu-pairing/"
XIANYANG = "plans/xianyang-jiguan-pairing/"
COUNTY = "plans/xx-county-jiguan-pairing/"
Z_TOWN = "plans/z-town-pairing/"

FIRST_RESULT = {
    # two characters
    "高枧": GAOJIAN, "金竹": GAOJIAN, "东苑": DONGYUAN, "咸阳": XIANYANG, "送课": DONGYUAN, "驻园": XIANYANG,
    "环创": GAOJIAN, "导师": COUNTY, "捐赠": COUNTY, "玩具": Z_TOWN, "师德": XIANYANG, "戏水": Z_TOWN,
    "绿化": Z_TOWN,
    # three characters
    "戏水池": Z_TOWN, "影碟机": Z_TOWN, "教代会": DONGYUAN, "六一节": COUNTY, "园务会": DONGYUAN,
    "教研组": DONGYUAN, "机关园": COUNTY, "遵义县": GAOJIAN,
    # four characters
    "家园共育": XIANYANG, "送教下乡": Z_TOWN, "半日开放": GAOJIAN, "园本教研": COUNTY, "驻园学习": XIANYANG,
    "城乡帮扶": COUNTY, "家园联系": DONGYUAN, "成长档案": DONGYUAN, "毕业典礼": COUNTY, "乡土特色": Z_TOWN,
    "说课评课": XIANYANG, "电子备课": COUNTY, "区域活动": GAOJIAN,
    # five characters and more, kindergarten names and aliases among them
    "高枧幼儿园": GAOJIAN, "金竹幼儿园": GAOJIAN, "东苑幼儿园": DONGYUAN, "咸阳市机关幼儿园": XIANYANG,
    "XX县机关幼儿园": COUNTY, "z镇幼儿园": Z_TOWN, "县直属机关幼儿园": GAOJIAN, "市机关幼儿园": XIANYANG,
    "集团化办园": GAOJIAN, "自制教玩具": Z_TOWN, "家园联系制度": DONGYUAN, "幼儿入园制度": DONGYUAN,
    "校园文化建设": COUNTY, "陕西省民办幼儿园": XIANYANG, "教师专业化发展": XIANYANG,
    # two terms
    "高枧 小学化": GAOJIAN, "东苑 观摩学习": DONGYUAN, "咸阳 观摩课": XIANYANG, "机关园 园本教研": COUNTY,
    "z镇 送教下乡": Z_TOWN, "家园共育 驻园学习": XIANYANG, "金竹 半日开放": GAOJIAN, "导师 电子备课": COUNTY,
}

# Words that appear in no page, nor do any two of their characters together.
NO_MATCH = ["火箭发射", "量子物理"]
