import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum ExportFileFormat {
  CSV = 'csv',
  XLSX = 'xlsx',
}
registerEnumType(ExportFileFormat, {
  name: 'ExportFileFormat',
  description: 'CSV (UTF-8 with BOM) or an Excel workbook',
});

export enum ExportHeaders {
  ZH = 'zh',
  EN = 'en',
}
registerEnumType(ExportHeaders, {
  name: 'ExportHeaders',
  description: 'Chinese headers and labels (客户名称, 华东), or API field names and values (name, EAST)',
});

@ObjectType({
  description:
    'Where to download an export: made when opened, as the caller who asked, from the records the caller may see.',
})
export class ExportLink {
  @Field({
    description:
      'GET this path on the API (no Authorization header needed: the link carries the caller); works once or more until expiresAt',
  })
  url: string;
  @Field() expiresAt: Date;
}
