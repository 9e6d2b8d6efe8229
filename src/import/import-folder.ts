import fs from 'node:fs';
import path from 'node:path';
import { badInput } from '../common/errors';

const OUTSIDE = 'must name a .csv or .xlsx file inside the import folder (IMPORT_DIR), relative to it';

const inside = (folder: string, file: string) => file.startsWith(folder + path.sep);

/**
 * The file `relative` names inside the import folder, or BAD_USER_INPUT. Checked twice: as
 * written (no `..` or absolute path out of the folder) and once symbolic links are resolved
 * (no link inside pointing out), so a caller reads nothing of the server's disk but the
 * folder. Missing files and files outside answer differently only inside the folder.
 */
export async function fileInImportFolder(folder: string, relative: string): Promise<string> {
  const root = await fs.promises.realpath(folder).catch(() => {
    throw badInput('path', 'the import folder (IMPORT_DIR) does not exist on the server');
  });
  const named = path.resolve(root, relative);
  if (!inside(root, named) || !/\.(csv|xlsx)$/i.test(named)) throw badInput('path', OUTSIDE);
  const real = await fs.promises.realpath(named).catch(() => {
    throw badInput('path', 'no such file in the import folder');
  });
  if (!inside(root, real)) throw badInput('path', OUTSIDE);
  if (!(await fs.promises.stat(real)).isFile()) throw badInput('path', 'not a file');
  return real;
}

/** A path under the folder as the caller may see it: relative, never the server's layout. */
export const relativeToFolder = (folder: string, file: string) => path.relative(fs.realpathSync(folder), file);
