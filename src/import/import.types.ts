import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsBoolean, IsEnum, IsIn, IsOptional } from 'class-validator';
import { IsLine } from '../common/validators';

export enum ImportType {
  CUSTOMERS = 'customers',
  CONTACTS = 'contacts',
  TRADES = 'trades',
}
registerEnumType(ImportType, {
  name: 'ImportType',
  description: '客户资料表 (customers), 联系人表 (contacts) or 交易记录表 (trades)',
});

@InputType({
  description: "A file in the server's import folder (IMPORT_DIR), imported as the caller under its write rights.",
})
export class ImportFileInput {
  @Field({ description: 'Path of a .csv or .xlsx file relative to the import folder' }) @IsLine(255) path: string;
  @Field(() => ImportType, { defaultValue: ImportType.CUSTOMERS }) @IsEnum(ImportType) type: ImportType;
  @Field({ defaultValue: false, description: 'Check and apply every row, then store nothing' })
  @IsBoolean()
  dryRun: boolean;
  @Field({ defaultValue: false, description: 'Store the good rows when some are refused (default: all or nothing)' })
  @IsBoolean()
  partial: boolean;
  @Field(() => String, { nullable: true, description: 'CSV only: utf-8 or gbk; detected when left out' })
  @IsOptional()
  @IsIn(['utf-8', 'utf8', 'gbk', 'gb2312', 'gb18030'])
  encoding?: string;
}

@ObjectType({ description: 'A refused row at one column, with why.' })
export class ImportRejection {
  @Field(() => Int, { description: 'Line of the CSV file or row of the worksheet; 0 for the file as a whole' })
  line: number;
  @Field({ description: 'The column as the file names it' }) column: string;
  @Field() reason: string;
}

@ObjectType({ description: 'What an import did: counts, refused rows, and the columns it did not use.' })
export class ImportResult {
  @Field(() => ImportType) type: ImportType;
  @Field({ description: 'csv or xlsx' }) format: string;
  @Field({ description: 'How the file was read (UTF-8, GB18030 (GBK) …)' }) encoding: string;
  @Field(() => Int) rows: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) rejected: number;
  @Field({ description: 'Whether rows were stored: false for a dry run, and when rows were refused without partial' })
  committed: boolean;
  @Field() dryRun: boolean;
  @Field() partial: boolean;
  @Field(() => [String], { description: 'Headers that name no column: not imported' }) unknownColumns: string[];
  @Field(() => [String], { description: 'Columns exports write for reading only: left as they are' })
  readOnlyColumns: string[];
  @Field(() => [Int], { description: 'Columns (1-based) with cells but no header: not imported' })
  unnamedColumns: number[];
  @Field(() => [ImportRejection], { description: 'The first 100 refusals; the report file has every one' })
  rejections: ImportRejection[];
  @Field(() => String, { nullable: true, description: 'The report file, relative to the import folder' }) reportPath:
    string | null;
  @Field(() => Float) seconds: number;
}
