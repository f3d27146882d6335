import { useState } from 'react';

import { TASK_PRIORITIES, TASK_STATUSES, type Task } from '../../../shared/domain';
import { Attachments } from '../components/attachments';
import { Comments } from '../components/comments';
import { Field, orNull, pickOptions, Select } from '../components/field';
import { NoteEditor } from '../components/note-editor';
import { useCan, useEntities, useEntity, useMutate, useUsers } from '../data';
import { NEXT_STATUSES, PRIORITY_LABEL, STATUS_LABEL } from '../lib/tasks';
import { Link, navigate } from '../router';
import type { ScreenProps } from '../routes';

export default function TaskDetailScreen({ params }: ScreenProps) {
  const id = params.id ?? '';
  const task = useEntity('task', id);
  if (task === undefined) {
    return (
      <section className="screen">
        <p><Link to="/tasks">← Tasks</Link></p>
        <p className="muted">Opening the task… If it does not appear, it was deleted or is not shared with you.</p>
      </section>
    );
  }
  return <TaskView task={task} />;
}

function TaskView({ task }: { readonly task: Task }) {
  const mutate = useMutate();
  const users = useUsers();
  const deals = useEntities('deal');
  const contacts = useEntities('contact');
  const canEdit = useCan('tasks.update');
  const canDelete = useCan('tasks.delete');
  const [title, setTitle] = useState(task.title);
  const update = (patch: Partial<Omit<Task, 'id' | 'createdBy' | 'commentCount' | 'createdAt' | 'updatedAt'>>) =>
    void mutate('updateTask', { id: task.id, ...patch });

  const remove = async () => {
    if (!window.confirm(`Delete the task “${task.title}”?`)) return;
    await mutate('deleteTask', { id: task.id });
    navigate('/tasks');
  };

  return (
    <section className="screen task-detail">
      <p className="crumbs"><Link to="/tasks">← Tasks</Link></p>
      <header className="task-head">
        <label className="sr-only" htmlFor="task-title">Title</label>
        <input
          id="task-title"
          className="title-input"
          value={title}
          disabled={!canEdit}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => title.trim() !== '' && title !== task.title && update({ title: title.trim() })}
        />
        <div className="workflow" role="group" aria-label="Status">
          <span className={`status-pill s-${task.status}`} data-testid="task-status">{STATUS_LABEL[task.status]}</span>
          {canEdit && NEXT_STATUSES[task.status].map((s) => (
            <button type="button" key={s} onClick={() => update({ status: s })}>{STATUS_LABEL[s]}</button>
          ))}
        </div>
      </header>
      <div className="task-grid">
        <div className="task-main">
          <h3>Notes</h3>
          <NoteEditor doc={`task-${task.id}`} />
          <Comments taskId={task.id} />
        </div>
        <aside className="task-side">
          <fieldset disabled={!canEdit} className="form">
            <Field label="Status">
              {(f) => <Select id={f} value={task.status} onChange={(status) => update({ status })} options={TASK_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} />}
            </Field>
            <Field label="Assignee">
              {(f) => <Select id={f} value={task.assigneeId ?? ''} onChange={(v) => update({ assigneeId: orNull(v) })} options={[{ value: '', label: 'Unassigned' }, ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))]} />}
            </Field>
            <Field label="Due date">
              {(f) => <input id={f} type="date" value={task.dueDate ?? ''} onChange={(e) => update({ dueDate: orNull(e.target.value) })} />}
            </Field>
            <Field label="Priority">
              {(f) => <Select id={f} value={task.priority} onChange={(priority) => update({ priority })} options={TASK_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))} />}
            </Field>
            <Field label="Deal">
              {(f) => <Select id={f} value={task.dealId ?? ''} onChange={(v) => update({ dealId: orNull(v) })} options={pickOptions(deals, (d) => d.title, task.dealId, { none: 'None' })} />}
            </Field>
            <Field label="Contact">
              {(f) => <Select id={f} value={task.contactId ?? ''} onChange={(v) => update({ contactId: orNull(v) })} options={pickOptions(contacts, (c) => c.name, task.contactId, { none: 'None' })} />}
            </Field>
          </fieldset>
          {task.dealId !== null && <p><Link to={`/pipeline?deal=${task.dealId}`}>Open the deal</Link></p>}
          {task.contactId !== null && <p><Link to={`/contacts/${task.contactId}`}>Open the contact</Link></p>}
          <Attachments taskId={task.id} />
          {canDelete && <button type="button" className="danger" onClick={() => void remove()}>Delete task</button>}
        </aside>
      </div>
    </section>
  );
}
