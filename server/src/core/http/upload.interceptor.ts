import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  mixin,
  NestInterceptor,
  PayloadTooLargeException,
  Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Request } from 'express';
import { Observable } from 'rxjs';
import { badField } from '../validation/input-validation';

/** The part of multer's file that Hallwatch reads; memory storage, so the bytes are in `buffer`. */
export interface UploadedBlob {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

interface UploadOptions {
  field: string;
  maxBytes: number;
  /** Also accept the whole body as the file when it is sent as text/plain (curl --data-binary). */
  plainText?: { defaultName: string };
}

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function tooLarge(field: string, maxBytes: number): PayloadTooLargeException {
  const message = `${field} is larger than ${megabytes(maxBytes)}`;
  return new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', field, message, errors: [{ field, message }] });
}

async function readPlainText(req: Request, field: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(field, maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Nest's multer interceptor (memory storage) with its errors naming the field, so that a
 * too-large or misplaced file is answered like every other invalid input (field + message).
 */
export function UploadInterceptor(options: UploadOptions): Type<NestInterceptor> {
  // Browsers send file names as raw UTF-8; multer would read them as latin1 (退款凭证.pdf → mojibake).
  const Multer = FileInterceptor(options.field, { defParamCharset: 'utf8', limits: { fileSize: options.maxBytes, files: 1, fields: 20 } });

  @Injectable()
  class Upload implements NestInterceptor {
    private readonly multer = new Multer();

    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = ctx.switchToHttp().getRequest<Request & { file?: UploadedBlob }>();
      const type = req.headers['content-type'] ?? '';
      if (options.plainText && /^text\/plain\b/i.test(type)) {
        const buffer = await readPlainText(req, options.field, options.maxBytes);
        const name = typeof req.query.name === 'string' && req.query.name ? req.query.name : options.plainText.defaultName;
        req.file = { originalname: name, mimetype: 'text/plain', size: buffer.length, buffer };
        return next.handle();
      }
      try {
        return await this.multer.intercept(ctx, next);
      } catch (err) {
        if (err instanceof PayloadTooLargeException) throw tooLarge(options.field, options.maxBytes);
        if (err instanceof BadRequestException)
          throw badField(options.field, `${err.message}: send one file, as the form field "${options.field}"`);
        if (err instanceof HttpException) throw err;
        throw badField(options.field, `could not read the upload: ${(err as Error).message}`);
      }
    }
  }
  return mixin(Upload);
}
