import { ApiProperty } from '@nestjs/swagger';

/**
 * Response bodies are classes that `implements` the shared type they serve, with `@ApiProperty`
 * metadata, so `/api/docs-json` describes every body and a field renamed in `shared` breaks the
 * server build here. Controllers name them in `@ApiOkResponse({ type })`; nothing constructs them.
 */

/** The cursor half of every `Page<T>`; each page class adds its typed `items`. */
export class PageCursorDto {
  @ApiProperty({ type: String, nullable: true, description: 'pass back as `?cursor=` for the next page; null on the last page' })
  nextCursor: string | null;
}
