import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { HandoffNote } from '../../src/domain/model.js';
import type { HandoffNoteRepo, NewHandoffNote } from '../../src/kernel/ports/notes.js';
import { fixedLimit, p, prepared } from '../prepared.js';
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

  private readonly inWindow = prepared(this.ctx, (db, { handoffNotes }) =>
    db
      .select()
      .from(handoffNotes)
      .where(
        and(eq(handoffNotes.channelId, p('channelId')), gte(handoffNotes.at, p('from')), lt(handoffNotes.at, p('to'))),
      )
      .orderBy(asc(handoffNotes.at), asc(handoffNotes.id)),
  );

  async between(channelId: number, from: Date, to: Date): Promise<HandoffNote[]> {
    const rows = await this.inWindow({ channelId, from: from.getTime(), to: to.getTime() });
    return rows.map(toNote);
  }

  async prune(before: Date, limit: number): Promise<number> {
    const { handoffNotes } = this.t;
    const old = await this.db
      .select({ id: handoffNotes.id })
      .from(handoffNotes)
      .where(lt(handoffNotes.at, before.getTime()))
      .limit(fixedLimit(limit));
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
