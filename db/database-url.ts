/** Whether DATABASE_URL names a PostgreSQL database (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
