import type { RequestHandler, Response } from 'express';
import type { Viewer } from '../auth/jwt';
import { AppError } from '../common/errors';
import type { Logger } from 'pino';
import type { ExportLinks } from './export-link';
import type { ExportService } from './export.service';
import { fileNameOf } from './export.service';
import { CONTENT_TYPE } from './export-writer';

/** A refusal in the GraphQL error shape, as the API's other routes answer. */
const refuse = (res: Response, status: number, code: string, message: string, requestId: string) =>
  void res.status(status).json({ errors: [{ message, extensions: { code, requestId } }] });

/**
 * GET /exports/:token: the file behind an export link (exportCustomers, exportContacts, exportTrades), streamed from the database
 * as the caller who asked for it. Refusals are JSON in the GraphQL error shape and come
 * before the first byte; a failure after it cuts the download off (the export is then
 * recorded as incomplete).
 */
export function exportRoute(
  links: ExportLinks,
  exports: ExportService,
  credentialHolds: (viewer: Viewer) => boolean | Promise<boolean>,
  log: Logger,
): RequestHandler {
  return async (req, res) => {
    const requestId = String(res.locals.requestId ?? '');
    const opened = await links.open(String(req.params.token));
    if ('failure' in opened) {
      if (opened.failure === 'EXPIRED')
        return refuse(
          res,
          410,
          'LINK_EXPIRED',
          'This export link has expired: ask for a new one (exportCustomers, exportContacts, exportTrades).',
          requestId,
        );
      return refuse(res, 404, 'NOT_FOUND', 'No such export link.', requestId);
    }
    // A user who left or a revoked partner key since the link was made gets nothing.
    if (!(await credentialHolds(opened.viewer)))
      return refuse(res, 401, 'UNAUTHENTICATED', 'The credential behind this link no longer holds.', requestId);
    const { viewer, spec } = opened;
    try {
      await exports.write(
        viewer,
        spec,
        () => {
          res.status(200).set({
            'content-type': CONTENT_TYPE[spec.format],
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileNameOf(spec, new Date()))}`,
            'cache-control': 'no-store',
          });
          return res;
        },
        requestId,
      );
    } catch (err) {
      if (res.headersSent) {
        log.warn({ err, requestId }, 'export cut off');
        res.destroy();
      } else if (err instanceof AppError) {
        refuse(res, 400, err.code, err.message, requestId);
      } else {
        log.error({ err, requestId }, 'export failed');
        refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.', requestId);
      }
    }
  };
}
