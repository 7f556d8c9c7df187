import { AppError } from '../../../shared/errors'
import { pythonReformat } from '../../../shared/python-json'

/** Whether the seed would keep the stored result for this one (falsy in Python's eyes); invalid JSON is refused. */
export function keepsStoredResult(result: string | undefined): boolean {
  if (result === undefined) return false
  try {
    return !pythonReformat(result).truthy
  } catch (e) {
    throw new AppError('INVALID_INPUT', `The result is not valid JSON (${(e as Error).message}); nothing was saved.`)
  }
}
