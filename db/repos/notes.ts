import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { HandoffNote } from '../../src/domain/model.js';
import type { HandoffNoteRepo, NewHandoffNote } from '../../src/kernel/ports/notes.js';
import type { Tables } from '../sql-context.js';
import { SqlRepo } from './repo.js';

type Row = Tables['handoffNotes']['$inferSelect'];

function toNote(r: Row): HandoffNote {
  return { ...r, at: new Date(r.at) };
}

export class SqlHandoffNoteRepo extends SqlRepo implements HandoffNoteRepo {
  async add(note: NewHandoffNote): Promise<HandoffNote> {
    const [row] = await this.db
      .insert(this.t.handoffNotes)
      .values({
        channelId: note.channelId,
        at: note.at.getTime(),
        authorId: note.authorId,
        text: note.text,
        overnight: note.overnight,
      })
      .returning();
    return toNote(row!);
  }

  async between(channelId: number, from: Date, to: Date): Promise<HandoffNote[]> {
    const { handoffNotes } = this.t;
    const rows = await this.db
      .select()
      .from(handoffNotes)
      .where(
        and(
          eq(handoffNotes.channelId, channelId),
          gte(handoffNotes.at, from.getTime()),
          lt(handoffNotes.at, to.getTime()),
        ),
      )
      .orderBy(asc(handoffNotes.at), asc(handoffNotes.id));
    return rows.map(toNote);
  }

  async prune(before: Date, limit: number): Promise<number> {
    const { handoffNotes } = this.t;
    const old = await this.db
      .select({ id: handoffNotes.id })
      .from(handoffNotes)
      .where(lt(handoffNotes.at, before.getTime()))
      .limit(limit);
    if (old.length > 0)
      await this.db.delete(handoffNotes).where(
        inArray(
          handoffNotes.id,
          old.map((r) => r.id),
        ),
      );
    return old.length;
  }
}
