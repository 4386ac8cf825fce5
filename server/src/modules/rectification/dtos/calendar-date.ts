import { registerDecorator } from 'class-validator';

/** A real calendar date written YYYY-MM-DD (2024-02-30 is refused). */
export function IsCalendarDate(): PropertyDecorator {
  return (target, key) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(key),
      options: { message: '$property must be a date written YYYY-MM-DD' },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
        },
      },
    });
}
