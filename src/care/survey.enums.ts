import { registerEnumType } from 'type-graphql';

/** The questions of the 顾客满意度调查表 (seed 000: 服务质量、价格、公司评价), and product and delivery as complaints count them. */
export enum SurveyQuestion {
  SERVICE_QUALITY = 'SERVICE_QUALITY',
  PRODUCT_QUALITY = 'PRODUCT_QUALITY',
  DELIVERY = 'DELIVERY',
  PRICE = 'PRICE',
  OVERALL = 'OVERALL',
}

registerEnumType(SurveyQuestion, {
  name: 'SurveyQuestion',
  description:
    'A question of the satisfaction survey (满意度调查): 服务质量 SERVICE_QUALITY, 产品质量 PRODUCT_QUALITY, 交货 DELIVERY, 价格 PRICE, 总体评价 OVERALL',
});
