import { Region } from '../customers/customer.enums';

/** Small word lists that make demo archives read like a Chinese sales department's files. */
export interface Place {
  region: Region;
  province: string;
  city: string;
  areaCode: string;
  postcode: string;
  districts: string[];
}

export const PLACES: Place[] = [
  { region: Region.NORTH, province: '北京', city: '北京', areaCode: '010', postcode: '100', districts: ['朝阳区', '海淀区', '东城区', '丰台区'] },
  { region: Region.NORTH, province: '天津', city: '天津', areaCode: '022', postcode: '300', districts: ['和平区', '南开区', '滨海新区'] },
  { region: Region.NORTH, province: '河北', city: '石家庄', areaCode: '0311', postcode: '050', districts: ['长安区', '桥西区'] },
  { region: Region.NORTH, province: '山西', city: '太原', areaCode: '0351', postcode: '030', districts: ['小店区', '迎泽区'] },
  { region: Region.EAST, province: '上海', city: '上海', areaCode: '021', postcode: '200', districts: ['浦东新区', '徐汇区', '闵行区', '静安区'] },
  { region: Region.EAST, province: '江苏', city: '南京', areaCode: '025', postcode: '210', districts: ['鼓楼区', '玄武区', '江宁区'] },
  { region: Region.EAST, province: '江苏', city: '苏州', areaCode: '0512', postcode: '215', districts: ['工业园区', '姑苏区', '吴中区'] },
  { region: Region.EAST, province: '浙江', city: '杭州', areaCode: '0571', postcode: '310', districts: ['西湖区', '滨江区', '余杭区'] },
  { region: Region.EAST, province: '浙江', city: '宁波', areaCode: '0574', postcode: '315', districts: ['鄞州区', '海曙区'] },
  { region: Region.EAST, province: '山东', city: '青岛', areaCode: '0532', postcode: '266', districts: ['市南区', '黄岛区'] },
  { region: Region.EAST, province: '福建', city: '厦门', areaCode: '0592', postcode: '361', districts: ['思明区', '湖里区'] },
  { region: Region.EAST, province: '安徽', city: '合肥', areaCode: '0551', postcode: '230', districts: ['蜀山区', '包河区'] },
  { region: Region.SOUTH, province: '广东', city: '广州', areaCode: '020', postcode: '510', districts: ['天河区', '越秀区', '番禺区'] },
  { region: Region.SOUTH, province: '广东', city: '深圳', areaCode: '0755', postcode: '518', districts: ['南山区', '福田区', '宝安区'] },
  { region: Region.SOUTH, province: '广东', city: '东莞', areaCode: '0769', postcode: '523', districts: ['长安镇', '虎门镇'] },
  { region: Region.SOUTH, province: '广西', city: '南宁', areaCode: '0771', postcode: '530', districts: ['青秀区', '西乡塘区'] },
  { region: Region.CENTRAL, province: '湖北', city: '武汉', areaCode: '027', postcode: '430', districts: ['江汉区', '洪山区', '武昌区'] },
  { region: Region.CENTRAL, province: '湖南', city: '长沙', areaCode: '0731', postcode: '410', districts: ['岳麓区', '芙蓉区'] },
  { region: Region.CENTRAL, province: '河南', city: '郑州', areaCode: '0371', postcode: '450', districts: ['金水区', '二七区'] },
  { region: Region.CENTRAL, province: '江西', city: '南昌', areaCode: '0791', postcode: '330', districts: ['东湖区', '红谷滩区'] },
  { region: Region.SOUTHWEST, province: '四川', city: '成都', areaCode: '028', postcode: '610', districts: ['武侯区', '锦江区', '高新区'] },
  { region: Region.SOUTHWEST, province: '重庆', city: '重庆', areaCode: '023', postcode: '400', districts: ['渝中区', '江北区'] },
  { region: Region.SOUTHWEST, province: '云南', city: '昆明', areaCode: '0871', postcode: '650', districts: ['五华区', '盘龙区'] },
  { region: Region.NORTHWEST, province: '陕西', city: '西安', areaCode: '029', postcode: '710', districts: ['雁塔区', '未央区'] },
  { region: Region.NORTHWEST, province: '甘肃', city: '兰州', areaCode: '0931', postcode: '730', districts: ['城关区', '七里河区'] },
  { region: Region.NORTHWEST, province: '新疆', city: '乌鲁木齐', areaCode: '0991', postcode: '830', districts: ['天山区', '沙依巴克区'] },
  { region: Region.NORTHEAST, province: '辽宁', city: '沈阳', areaCode: '024', postcode: '110', districts: ['和平区', '沈河区'] },
  { region: Region.NORTHEAST, province: '辽宁', city: '大连', areaCode: '0411', postcode: '116', districts: ['中山区', '甘井子区'] },
  { region: Region.NORTHEAST, province: '黑龙江', city: '哈尔滨', areaCode: '0451', postcode: '150', districts: ['南岗区', '道里区'] },
];

export const BRANDS = ['华信', '恒达', '金盛', '宏远', '鑫源', '东方', '中科', '天成', '瑞丰', '永辉', '博远', '长城', '新华', '众邦', '联创', '海纳', '盛世', '国泰', '安达', '凯旋', '正泰', '美嘉', '汇通', '昌盛', '明珠', '嘉禾', '德润', '华彩', '万通', '隆基', '百川', '同力'];

/** [行业, the word in a company name, typical products] */
export const INDUSTRIES: [string, string, string[]][] = [
  ['电子', '电子科技', ['电路板', '传感器', '连接器']],
  ['机械', '机械制造', ['数控机床', '液压泵', '齿轮箱']],
  ['化工', '化工', ['涂料', '树脂', '助剂']],
  ['食品', '食品', ['调味品', '饮料', '速冻食品']],
  ['纺织', '纺织', ['棉纱', '面料', '服装辅料']],
  ['建材', '建材', ['水泥', '瓷砖', '防水卷材']],
  ['医药', '医药', ['原料药', '医疗器械', '中成药']],
  ['物流', '物流', ['仓储服务', '干线运输']],
  ['软件', '软件', ['ERP系统', '技术服务']],
  ['汽车配件', '汽车配件', ['刹车片', '滤清器', '轮毂']],
  ['家电', '电器', ['空调', '小家电', '压缩机']],
  ['贸易', '贸易', ['五金', '办公用品', '包装材料']],
];

export const COMPANY_SUFFIXES = ['有限公司', '有限公司', '股份有限公司', '集团有限公司'];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '丽', '强', '军', '婷', '建国', '海燕', '志强', '晓东', '文华'];
export const TITLES = ['总经理', '副总经理', '采购经理', '财务总监', '销售总监', '技术主管', '办公室主任', '采购专员'];
export const HOBBIES = ['高尔夫', '钓鱼', '书法', '茶道', '摄影', '羽毛球', '登山', '象棋'];
export const DEPARTMENTS = ['销售一部', '销售二部', '客服部', '财务部', '总经办', '档案室', '市场分析部', '渠道合作部'];
