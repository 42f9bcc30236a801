// GraphQL over fetch (the view reads /graphql and /export only), and the API key for reviews, entered once
// per browser session and kept in sessionStorage.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const KEY = 'plantrace.apiKey';
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (k: string) => sessionStorage.setItem(KEY, k),
  clear: () => sessionStorage.removeItem(KEY),
};

export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  withKey = false,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = apiKey.get();
  if (withKey && key) headers['x-api-key'] = key;
  const res = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length)
    throw new ApiError(body.errors.map((e) => e.message).join('; '), body.errors[0]!.extensions?.code);
  return body.data!;
}
