/** The dashboard talks to the service over HTTP only, with the bearer token of the logged-in account. */
export interface Account { id: string; name: string; role: 'practice' | 'dpo' | 'client' | 'admin'; practiceId: string | null; clientId: string | null }

export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public issues: { path: string; message: string }[] = []) { super(message); }
}

const KEY = 'anonymat.token';
export const session = {
  get token(): string | null { return sessionStorage.getItem(KEY); },
  set(token: string | null) { if (token) sessionStorage.setItem(KEY, token); else sessionStorage.removeItem(KEY); },
};

export async function api<T = any>(method: string, path: string, body?: unknown, token = session.token): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, json?.error?.code ?? 'error', json?.error?.message ?? res.statusText, json?.error?.issues ?? []);
  return json as T;
}

/** Downloads a file with the token (fetch → blob → a temporary link). Returns its size in bytes. */
export async function download(path: string, filename: string): Promise<number> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
  if (!res.ok) {
    const j = await res.json().catch(() => null);
    throw new ApiError(res.status, j?.error?.code ?? 'error', j?.error?.message ?? res.statusText);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = filename; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob.size;
}
