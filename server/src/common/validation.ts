import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorCode, type ErrorDetail } from '@xianfeng/shared';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, registerDecorator, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';
import { AppError } from './app-error.js';
import { isCalendarDate } from './dates.js';

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Strict validation: unknown fields are refused, every bad field is named in `details`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AppError(400, ErrorCode.VALIDATION_FAILED, '请求参数有误', flatten(errors)),
  });
}

/** A real `YYYY-MM-DD` calendar day (2023-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} 必须是有效日期 YYYY-MM-DD`, ...options },
      validator: { validate: (v: unknown) => isCalendarDate(v) },
    });
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque to clients: one that cannot name anything is simply "not found". */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  transform(value: string, _meta: ArgumentMetadata): string {
    if (!UUID_RE.test(value)) throw new AppError(404, ErrorCode.NOT_FOUND, '资源不存在');
    return value.toLowerCase();
  }
}

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);

/**
 * The field may be left out, but when present it must pass its validators: `null` is NOT accepted.
 * Use this instead of class-validator's `@IsOptional()`, which also lets `null` through and so
 * sends `NULL` into columns that are NOT NULL (a 500). Keep `@IsOptional()` only on fields whose
 * column is nullable, where `null` means "clear it".
 */
export const Optional = (options?: ValidationOptions) => ValidateIf((_object, value) => value !== undefined, options);

/**
 * A required nested object, validated by its own class: present (`{}` without it is refused, not
 * left undefined for the service to trip on), an object (not an array, a string or null), and valid.
 */
export function Nested(type: () => new () => object) {
  return (target: object, key: string) => {
    IsDefined()(target, key);
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };
}
