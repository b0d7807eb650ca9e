/**
 * Hubei project themes: the Chongqing seed's hand-written themes (seed/themes.ts, place-neutral texts) filed under
 * the festival's four domains, plus themes of Hubei's own (selenium-rich potatoes of Enshi, rice–crayfish fields of
 * the Jianghan plain, the Danjiangkou water source, the Yangtze finless porpoise, Shennongjia…). Placeholders as in
 * seed/themes.ts: {place}, {district}, {town}, {org}, {n}.
 */
import { THEMES, type ProjectTheme } from '../themes';

export const HUBEI_DOMAINS = ['乡村振兴', '教育', '生态保护', '生命健康'] as const;
export type HubeiDomain = (typeof HUBEI_DOMAINS)[number];

export interface HubeiTheme extends Omit<ProjectTheme, 'domain'> {
  domain: HubeiDomain;
  /** County ids (districts.ts) the theme fits; absent = any (rural unless `urban`). */
  only?: string[];
}

/** Where each reused theme belongs among the festival's domains (health work goes to 生命健康). */
const DOMAIN_OF: Record<string, HubeiDomain> = {
  'health-house': '生命健康',
  'home-care': '生命健康',
  cataract: '生命健康',
  'nursing-home': '生命健康',
  'village-doctors': '生命健康',
  'anti-drowning': '生命健康',
  'child-medical': '生命健康',
  'child-mental': '生命健康',
  rehab: '生命健康',
  'nutrition-pack': '生命健康',
  'cardiac-arrest': '生命健康',
  'serious-illness': '生命健康',
  assistive: '生命健康',
  clinic: '生命健康',
  emergency: '生命健康',
  vocational: '教育',
  'left-behind': '教育',
  'after-school': '教育',
  'family-video': '教育',
  schoolbags: '教育',
};
const BY_CHONGQING_DOMAIN: Record<string, HubeiDomain> = {
  产业帮扶: '乡村振兴',
  养老帮扶: '乡村振兴',
  人才帮扶: '乡村振兴',
  扶弱济困: '乡村振兴',
  教育帮扶: '教育',
  儿童关爱帮扶: '教育',
  生态振兴: '生态保护',
};

const reused: HubeiTheme[] = THEMES.map((t) => ({ ...t, domain: DOMAIN_OF[t.key] ?? BY_CHONGQING_DOMAIN[t.domain] }));

const h = (
  key: string,
  domain: HubeiDomain,
  only: string[] | undefined,
  title: string,
  summary: string,
  story: string,
  targetWan: [number, number],
  n: [number, number],
  update: string,
): HubeiTheme => ({ key, domain, only, title, summary, story, targetWan, n, update });

const ENSHI = ['enshi', 'lichuan', 'jianshi', 'badong', 'xuanen', 'xianfeng', 'laifeng', 'hefeng'];

const OWN: HubeiTheme[] = [
  h(
    'selenium-potato',
    '乡村振兴',
    ENSHI,
    '{place}{town}富硒土豆产业帮扶',
    '帮助{town}农户扩大富硒土豆种植、建设储藏窖，把“小土豆”做成致富产业。',
    '{town}种植土豆历史悠久，富硒土豆品质好，却因缺资金、缺储藏能力一直没形成规模。项目由{org}发起，为{n}户农户提供脱毒种薯和储藏窖改造补助，并对接线上线下销售渠道。村民议事会全程监督资金使用，收益优先惠及脱贫户。',
    [20, 80],
    [60, 200],
    '脱毒种薯已完成招标，储藏窖改造户名单已公示。',
  ),
  h(
    'crayfish',
    '乡村振兴',
    ['qianjiang', 'jianli', 'honghu', 'gongan', 'xiantao'],
    '{place}{town}稻虾共作增收帮扶',
    '为{town}困难农户提供虾苗和技术指导，推广稻虾共作，一田两用、稳粮增收。',
    '江汉平原水网密布，稻虾共作让一块田既产优质稻又出小龙虾。项目为{town}的{n}户困难农户提供虾苗、防逃网和全程技术指导，并由合作社统一收购。示范户结对带动周边农户，把好模式传下去。',
    [20, 90],
    [40, 150],
    '首批示范田已完成围沟开挖和防逃设施安装。',
  ),
  h(
    'tea',
    '乡村振兴',
    [...ENSHI, 'yingshan', 'wufeng', 'zhuxi', 'chibi'],
    '{place}{town}生态茶园提质帮扶',
    '帮助{town}茶农改造老茶园、学习加工技术，让好茶卖出好价钱。',
    '{town}山高雾多，产茶历史悠久，但不少老茶园品种退化、加工粗放。项目为{n}户茶农提供良种茶苗、有机肥和制茶培训，并支持合作社建设标准化加工车间。茶叶统一品牌销售，增收情况定期公示。',
    [20, 100],
    [50, 200],
    '茶园改造地块已完成勘测，制茶培训报名开始。',
  ),
  h(
    'navel-orange',
    '乡村振兴',
    ['zigui', 'xingshan', 'yidu', 'badong'],
    '{place}{town}柑橘脐橙电商助销',
    '为{town}橘农建设分拣包装点、开展直播培训，帮好果子卖出大山。',
    '{town}的柑橘脐橙远近闻名，但山路远、分拣包装跟不上，果子常常压价卖。项目建设村级分拣包装点，配置冷藏和打包设备，为{n}户橘农开展直播带货培训。销售收入全部归果农所有，服务点由村集体运营。',
    [20, 80],
    [80, 260],
    '分拣包装点选址已完成，设备采购清单已公示。',
  ),
  h(
    'mushroom',
    '乡村振兴',
    ['suixian', 'guangshui', 'zengdu', 'fangxian', 'baokang'],
    '{place}{town}香菇木耳种植帮扶',
    '为{town}农户提供菌棒和大棚补助，发展香菇木耳种植，家门口增收。',
    '{town}林木资源丰富，种植香菇木耳是群众熟悉的增收门路。项目为{n}户农户提供菌棒、大棚建设补助和技术指导，并对接本地加工企业保底收购。种植户之间组建互助小组，共享烘干设备。',
    [20, 80],
    [40, 150],
    '菌棒供应和保底收购协议已签订。',
  ),
  h(
    'water-source',
    '生态保护',
    ['danjiangkou', 'yunyang', 'yunxi', 'zhushan', 'zhuxi'],
    '{place}{town}南水北调水源地护水行动',
    '支持{town}村民护水队巡护库区、清理垃圾，守护“一库清水永续北送”。',
    '{town}地处南水北调中线工程水源区，守护一库清水是当地群众的责任。项目为{n}名村民护水员配置巡护装备和意外保险，开展库岸垃圾清理和面源污染宣传。护水员优先从脱贫户中选聘，巡护记录定期公开。',
    [10, 50],
    [20, 80],
    '护水员选聘完成，巡护路线已划定。',
  ),
  h(
    'porpoise',
    '生态保护',
    ['honghu', 'jianli', 'shishou', 'yiling'],
    '{place}长江江豚守护行动·{town}',
    '组织{town}志愿者巡江护豚、宣传禁渔，守护“长江的微笑”。',
    '长江江豚是国家一级重点保护野生动物，被称为“长江的微笑”。项目组织{town}的{n}名志愿者开展巡江护豚、劝导非法捕捞和清理江滩垃圾，并走进学校开展长江大保护课堂。巡护发现的问题及时报告渔政部门处理。',
    [10, 50],
    [30, 100],
    '巡江志愿者完成培训，巡护船只已落实。',
  ),
  h(
    'wetland',
    '生态保护',
    ['honghu', 'liangzihu', 'caidian', 'jiangxia', 'tianmen'],
    '{place}{town}湖泊湿地守护',
    '在{town}开展湖泊湿地巡护、候鸟监测和退垸还湖宣传，守护“千湖之省”。',
    '湖北素有“千湖之省”之称，{town}周边的湖泊湿地是候鸟越冬的重要栖息地。项目为湿地巡护队配置望远镜和巡护设备，开展候鸟监测，并为{n}名中小学生开展湿地自然教育。监测数据与林业部门共享。',
    [10, 40],
    [100, 400],
    '巡护队组建完成，候鸟监测点位已确定。',
  ),
  h(
    'golden-monkey',
    '生态保护',
    ['shennongjia'],
    '神农架{town}金丝猴栖息地守护',
    '支持{town}社区巡护员守护川金丝猴栖息地，开展自然教育。',
    '神农架是世界自然遗产地，川金丝猴等珍稀动物在这里繁衍生息。项目为{town}的{n}名社区巡护员配置红外相机和巡护装备，开展栖息地巡护和反盗猎宣传，并为访客和学生开设自然教育课程。社区巡护让村民在守护中增收。',
    [10, 50],
    [20, 60],
    '红外相机布设点位已完成踏勘。',
  ),
  h(
    'red-study',
    '教育',
    ['hongan', 'dawu', 'macheng', 'xinzhou', 'tongshan'],
    '{place}{town}红色研学乡村课堂',
    '依托{town}红色资源为乡村学生开设研学课堂，配置研学教材和设施。',
    '{town}有丰富的红色文化资源，却缺少面向乡村孩子的研学课程。项目联合学校和纪念场馆，为{n}名乡村学生开设红色研学课堂，配置教材、讲解设备和交通补助。研学成果在学期末以班会和展览的形式分享。',
    [5, 30],
    [200, 800],
    '研学课程方案已通过学校审定。',
  ),
  h(
    'community-care',
    '生命健康',
    ['wuchang', 'jiangan', 'jiangxia', 'xiantao', 'zengdu'],
    '{place}{town}社区居家健康守护',
    '为{town}独居、慢病老人提供上门健康监测、用药提醒和紧急呼叫服务。',
    '{town}独居和患慢性病的老人不少，平时缺少健康照护，遇到紧急情况难以及时求助。项目组织社区医生和社工为{n}位老人建立健康档案，提供定期上门监测、用药提醒，并安装紧急呼叫设备。服务情况每月向家属反馈。',
    [10, 50],
    [60, 200],
    '服务老人健康档案已建立，呼叫设备完成调试。',
  ),
  h(
    'hearing',
    '生命健康',
    undefined,
    '{place}{town}困难儿童听力救助',
    '为{town}听障困难儿童适配助听器、资助康复训练，让孩子听见世界。',
    '听力障碍越早干预，孩子越有机会正常学习和交流。项目为{town}的{n}名困难家庭听障儿童免费筛查、适配助听器，并资助到定点机构接受听力言语康复训练。康复师定期回访评估效果。',
    [15, 60],
    [10, 40],
    '听力筛查已在乡镇卫生院完成。',
  ),
];

export const HUBEI_THEMES: HubeiTheme[] = [...reused, ...OWN];
