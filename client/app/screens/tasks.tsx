import { useMemo, useState, type FormEvent } from 'react';

import { TASK_STATUSES, type TaskStatus } from '../../../shared/domain';
import { newID } from '../../../shared/ids';
import { VirtualList } from '../components/virtual-list';
import { useCan, useEntities, useMutate, useUsers } from '../data';
import { useDraft } from '../lib/drafts';
import { formatDay, today } from '../lib/format';
import { compareTasks, PRIORITY_LABEL, STATUS_LABEL, type TaskSort } from '../lib/tasks';
import { navigate, useLocation } from '../router';
import type { ScreenProps } from '../routes';
import { useSession } from '../session';

export default function TasksScreen(_props: ScreenProps) {
  const tasks = useEntities('task');
  const users = useUsers();
  const session = useSession();
  const mutate = useMutate();
  const { query } = useLocation();
  const scope = query.get('scope') === 'all' ? 'all' : 'mine';
  const [status, setStatus] = useState<TaskStatus | 'open' | 'any'>('open');
  const [sort, setSort] = useState<TaskSort>('due');
  const [title, setTitle, clearTitle] = useDraft('task.quick-add', () => '');
  const canCreate = useCan('tasks.create');
  const me = session?.userId ?? '';
  const userName = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);
  const day = today();

  const rows = useMemo(() => tasks
    .filter((t) => scope === 'all' || t.assigneeId === me || (t.assigneeId === null && t.createdBy === me))
    .filter((t) => status === 'any' || (status === 'open' ? t.status !== 'done' : t.status === status))
    .sort(compareTasks(sort)), [tasks, scope, me, status, sort]);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const text = title.trim();
    if (text === '') return;
    void mutate('createTask', { id: newID(), title: text, assigneeId: me === '' ? null : me });
    clearTitle();
    setTitle('');
  };

  return (
    <section className="screen">
      <header className="screen-head">
        <h1>Tasks</h1>
        <div className="tabs" role="tablist" aria-label="Whose tasks">
          <button type="button" role="tab" aria-selected={scope === 'mine'} onClick={() => navigate('/tasks')}>My tasks</button>
          <button type="button" role="tab" aria-selected={scope === 'all'} onClick={() => navigate('/tasks?scope=all')}>All tasks</button>
        </div>
      </header>
      {canCreate && (
        <form className="quick-add" onSubmit={add}>
          <label className="sr-only" htmlFor="new-task">New task</label>
          <input id="new-task" placeholder="Add a task and press Enter" value={title} onChange={(e) => setTitle(e.target.value)} />
          <button type="submit">Add</button>
        </form>
      )}
      <div className="toolbar">
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | 'open' | 'any')}>
          <option value="open">Open</option>
          <option value="any">Any status</option>
          {TASK_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
        </select>
        <select aria-label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as TaskSort)}>
          <option value="due">Due date</option>
          <option value="priority">Priority</option>
          <option value="created">Newest</option>
        </select>
      </div>
      <VirtualList
        items={rows}
        rowHeight={60}
        label="Tasks"
        getKey={(t) => t.id}
        empty={<p className="muted pad">No tasks here.</p>}
        renderRow={(t) => (
          <button type="button" className="row task-row" data-status={t.status} onClick={() => navigate(`/tasks/${t.id}`)}>
            <span className="row-line">
              <span className={`status-pill s-${t.status}`}>{STATUS_LABEL[t.status]}</span>
              <strong className="task-title">{t.title}</strong>
            </span>
            <span className="muted">
              {[
                t.assigneeId === null ? 'Unassigned' : (userName.get(t.assigneeId) ?? 'Someone'),
                t.dueDate === null ? null : `${t.dueDate < day && t.status !== 'done' ? 'overdue · ' : ''}due ${formatDay(t.dueDate)}`,
                t.priority === 'normal' ? null : PRIORITY_LABEL[t.priority],
                t.commentCount > 0 ? `${t.commentCount} comment${t.commentCount === 1 ? '' : 's'}` : null,
              ].filter(Boolean).join(' · ')}
            </span>
          </button>
        )}
      />
    </section>
  );
}
