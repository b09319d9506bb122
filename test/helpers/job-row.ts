/** A jobs row as the scheduler tests read it. */
export interface JobRow {
  id: number;
  state: string;
  attempts: number;
  result: string | null;
  due_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
}
