import { and, asc, eq, gte, lt } from 'drizzle-orm';
import type { HandoffNoteRepo, NewHandoffNote } from '../../src/kernel/ports/notes.js';
import type { Db } from '../client.js';
import { handoffNotes } from '../schema.js';
import type { HandoffNote } from '../../src/domain/model.js';

type Row = typeof handoffNotes.$inferSelect;

function toNote(r: Row): HandoffNote {
  return { id: r.id, channelId: r.channelId, at: new Date(r.at), authorId: r.authorId, text: r.text, overnight: r.overnight };
}

export class SqliteHandoffNoteRepo implements HandoffNoteRepo {
  constructor(private readonly db: Db) {}

  add(note: NewHandoffNote): HandoffNote {
    const row = this.db
      .insert(handoffNotes)
      .values({ channelId: note.channelId, at: note.at.getTime(), authorId: note.authorId, text: note.text, overnight: note.overnight })
      .returning()
      .get();
    return toNote(row);
  }

  between(channelId: number, from: Date, to: Date): HandoffNote[] {
    return this.db
      .select()
      .from(handoffNotes)
      .where(and(eq(handoffNotes.channelId, channelId), gte(handoffNotes.at, from.getTime()), lt(handoffNotes.at, to.getTime())))
      .orderBy(asc(handoffNotes.at), asc(handoffNotes.id))
      .all()
      .map(toNote);
  }
}
