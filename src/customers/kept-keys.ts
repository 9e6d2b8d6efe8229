import { dayKey } from '../care/day-key';
import type { Customer } from './customer.entity';
import { nameKey } from './name-key';

/**
 * The columns kept beside a customer's values, set on every path that writes those values
 * (createCustomer, updateCustomer, the import): the name's 查重 key and the founding day's
 * anniversary key (care reminders). `values` is changed in place and returned.
 */
export function withKeptKeys<T extends Partial<Customer>>(values: T): T {
  if (values.name !== undefined) values.nameKey = nameKey(values.name);
  if (values.foundedOn !== undefined) values.foundedKey = dayKey(values.foundedOn);
  return values;
}
