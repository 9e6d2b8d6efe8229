import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { DecimalScalar } from '../../common/decimal.scalar';
import { IsId, IsIds, IsLine, IsLines } from '../../common/validators';

/**
 * Typed filter operators, one input per kind of value, named the same on every type.
 * Several operators in one input must all hold. `ne` and `notIn` match NULL too (a missing
 * value is not equal to anything); `between` includes both ends; `isNull: false` asks for a value.
 */
const opt = { nullable: true } as const;
/** Longest value a text condition may name: the longest one-line field (an address). */
const TEXT = 255;
/** Most values one `in` / `notIn` may list. */
const LIST = 1000;

@InputType({
  description: 'Conditions on a text field; contains and startsWith ignore case as the database collation does.',
})
export class StringFilter {
  @Field(() => String, opt) @IsOptional() @IsLine(TEXT) eq?: string;
  @Field(() => String, opt) @IsOptional() @IsLine(TEXT) ne?: string;
  @Field(() => [String], opt) @IsOptional() @ArrayMaxSize(LIST) @IsLines(TEXT) in?: string[];
  @Field(() => [String], opt) @IsOptional() @ArrayMaxSize(LIST) @IsLines(TEXT) notIn?: string[];
  @Field(() => String, opt) @IsOptional() @IsLine(TEXT) contains?: string;
  @Field(() => String, opt) @IsOptional() @IsLine(TEXT) startsWith?: string;
  @Field(() => Boolean, opt) isNull?: boolean;
}

@InputType({ description: 'From and to, both included.' })
export class IntRange {
  @Field(() => Int) from: number;
  @Field(() => Int) to: number;
}

@InputType({ description: 'Conditions on a whole number.' })
export class IntFilter {
  @Field(() => Int, opt) eq?: number;
  @Field(() => Int, opt) ne?: number;
  @Field(() => [Int], opt) in?: number[];
  @Field(() => [Int], opt) notIn?: number[];
  @Field(() => Int, opt) gt?: number;
  @Field(() => Int, opt) gte?: number;
  @Field(() => Int, opt) lt?: number;
  @Field(() => Int, opt) lte?: number;
  @Field(() => IntRange, opt) between?: IntRange;
  @Field(() => Boolean, opt) isNull?: boolean;
}

@InputType({ description: 'From and to, both included.' })
export class DecimalRange {
  @Field(() => DecimalScalar) from: string;
  @Field(() => DecimalScalar) to: string;
}

@InputType({ description: 'Conditions on an amount of money (CNY).' })
export class DecimalFilter {
  @Field(() => DecimalScalar, opt) eq?: string;
  @Field(() => DecimalScalar, opt) ne?: string;
  @Field(() => [DecimalScalar], opt) in?: string[];
  @Field(() => [DecimalScalar], opt) notIn?: string[];
  @Field(() => DecimalScalar, opt) gt?: string;
  @Field(() => DecimalScalar, opt) gte?: string;
  @Field(() => DecimalScalar, opt) lt?: string;
  @Field(() => DecimalScalar, opt) lte?: string;
  @Field(() => DecimalRange, opt) between?: DecimalRange;
  @Field(() => Boolean, opt) isNull?: boolean;
}

@InputType({ description: 'From and to, both included.' })
export class DateTimeRange {
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
}

@InputType({
  description: 'Conditions on a point in time (UTC). For "in March": gte the 1st of March, lt the 1st of April.',
})
export class DateTimeFilter {
  @Field(() => Date, opt) eq?: Date;
  @Field(() => Date, opt) ne?: Date;
  @Field(() => Date, opt) gt?: Date;
  @Field(() => Date, opt) gte?: Date;
  @Field(() => Date, opt) lt?: Date;
  @Field(() => Date, opt) lte?: Date;
  @Field(() => DateTimeRange, opt) between?: DateTimeRange;
  @Field(() => Boolean, opt) isNull?: boolean;
}

@InputType({ description: 'Conditions on a yes/no field.' })
export class BooleanFilter {
  @Field(() => Boolean, opt) eq?: boolean;
  @Field(() => Boolean, opt) ne?: boolean;
  @Field(() => Boolean, opt) isNull?: boolean;
}

@InputType({ description: 'Conditions on a reference, by global id (an owner, a handler, a customer).' })
export class IdFilter {
  @Field(() => ID, opt) @IsOptional() @IsId() eq?: string;
  @Field(() => ID, opt) @IsOptional() @IsId() ne?: string;
  @Field(() => [ID], opt) @IsOptional() @ArrayMaxSize(LIST) @IsIds() in?: string[];
  @Field(() => [ID], opt) @IsOptional() @ArrayMaxSize(LIST) @IsIds() notIn?: string[];
  @Field(() => Boolean, opt) isNull?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes input classes as Function
const enumFilters = new Map<object, Function>();

/** `<Enum>Filter` for a registered enum: eq, ne, in, notIn, isNull. One class per enum, however often asked for. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function enumFilter(enumType: object, name: string): Function {
  const known = enumFilters.get(enumType);
  if (known) return known;
  @InputType(`${name}Filter`, { description: `Conditions on a ${name} value.` })
  class EnumFilter {
    @Field(() => enumType, opt) eq?: string;
    @Field(() => enumType, opt) ne?: string;
    @Field(() => [enumType], opt) in?: string[];
    @Field(() => [enumType], opt) notIn?: string[];
    @Field(() => Boolean, opt) isNull?: boolean;
  }
  enumFilters.set(enumType, EnumFilter);
  return EnumFilter;
}
