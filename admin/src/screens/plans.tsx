import { useEffect, useState, type FormEvent } from 'react';

import { PERMISSIONS_BY_MODULE } from '../../../shared/permissions';
import { api, errorText } from '../api';
import { ErrorMessage, TextField } from '../fields';
import { rupees } from '../format';
import {
  MODULE_NAMES,
  type GroupView,
  type PlanImpact,
  type PlanView,
  type PushResult,
} from '../types';
import { useLoad } from '../use-load';

type Draft = Omit<PlanView, 'id' | 'version' | 'razorpayPlanId' | 'tenantCount' | 'groupIds'> & {
  groupIds: number[];
};

const EMPTY: Draft = {
  key: '',
  name: '',
  pricePaise: 0,
  billingPeriod: 'monthly',
  maxUsers: 5,
  mailCredits: 0,
  groupIds: [],
};

export function PlansScreen() {
  const data = useLoad(
    () => api<{ plans: PlanView[]; groups: GroupView[] }>('GET', '/api/admin/plans'),
    [],
  );
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [editingGroup, setEditingGroup] = useState<GroupView | 'new' | null>(null);
  const plans = data.data?.plans ?? [];
  const groups = data.data?.groups ?? [];
  const current = selected === 'new' ? null : (plans.find((p) => p.id === selected) ?? null);

  return (
    <section className="split">
      <aside>
        <div className="toolbar">
          <h2>Plans</h2>
          <button type="button" onClick={() => setSelected('new')}>
            New plan
          </button>
        </div>
        <ErrorMessage text={data.error} />
        <ul className="list">
          {plans.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={selected === p.id ? 'selected' : ''}
                onClick={() => setSelected(p.id)}
              >
                <strong>{p.name}</strong> <small>v{p.version}</small>
                <br />
                <small>
                  {rupees(p.pricePaise)} / {p.billingPeriod} · {p.tenantCount} tenants
                </small>
              </button>
            </li>
          ))}
        </ul>
        <div className="toolbar">
          <h2>Permission groups</h2>
          <button type="button" className="secondary" onClick={() => setEditingGroup('new')}>
            New group
          </button>
        </div>
        <ul className="list">
          {groups.map((g) => (
            <li key={g.id}>
              <button type="button" onClick={() => setEditingGroup(g)}>
                {g.name}{' '}
                <small>
                  ({MODULE_NAMES[g.module] ?? g.module}, {g.permissions.length} permissions)
                </small>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div>
        {editingGroup && (
          <GroupEditor
            group={editingGroup === 'new' ? null : editingGroup}
            onDone={() => {
              setEditingGroup(null);
              data.reload();
            }}
          />
        )}
        {selected !== null && !editingGroup && (
          <PlanEditor
            key={String(selected)}
            plan={current}
            groups={groups}
            onSaved={(id) => {
              setSelected(id);
              data.reload();
            }}
          />
        )}
        {selected === null && !editingGroup && <p className="empty">Choose a plan to edit it.</p>}
      </div>
    </section>
  );
}

function PlanEditor({
  plan,
  groups,
  onSaved,
}: {
  readonly plan: PlanView | null;
  readonly groups: readonly GroupView[];
  readonly onSaved: (id: number) => void;
}) {
  const [draft, setDraft] = useState<Draft>(
    plan ? { ...plan, groupIds: [...plan.groupIds] } : EMPTY,
  );
  const [impact, setImpact] = useState<PlanImpact | null>(null);
  const [pushes, setPushes] = useState<readonly PushResult[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const groupKey = draft.groupIds.join(',');

  // The preview is what saving would do: the tenants it reaches and what they gain or lose.
  useEffect(() => {
    if (!plan) return;
    let live = true;
    api<PlanImpact>('GET', `/api/admin/plans/${plan.id}/impact?groups=${groupKey}`).then(
      (r) => live && setImpact(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [plan, groupKey]);

  const toggle = (id: number) =>
    setDraft({
      ...draft,
      groupIds: draft.groupIds.includes(id)
        ? draft.groupIds.filter((g) => g !== id)
        : [...draft.groupIds, id].sort((a, b) => a - b),
    });
  const num = (k: 'maxUsers' | 'mailCredits') => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: Number(e.target.value) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setMessage(null);
    try {
      const r = plan
        ? await api<{ plan: PlanView; pushes: PushResult[] }>(
            'PUT',
            `/api/admin/plans/${plan.id}`,
            draft,
          )
        : await api<{ plan: PlanView; pushes: PushResult[] }>('POST', '/api/admin/plans', draft);
      setPushes(r.pushes);
      const failed = r.pushes.filter((x) => x.state !== 'ok').length;
      setMessage({
        ok: failed === 0,
        text: `Saved ${r.plan.name} v${r.plan.version}; pushed to ${r.pushes.length - failed} of ${r.pushes.length} tenants${failed ? ` (${failed} retrying)` : ''}.`,
      });
      onSaved(r.plan.id);
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!plan || !window.confirm(`Delete plan ${plan.name}?`)) return;
    try {
      await api('DELETE', `/api/admin/plans/${plan.id}`);
      window.location.reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };

  const byModule = Object.keys(MODULE_NAMES).map((m) => ({
    module: m,
    groups: groups.filter((g) => g.module === m),
  }));

  return (
    <form className="card" onSubmit={(e) => void save(e)} aria-label="Plan editor">
      <h3>{plan ? `${plan.name} (v${plan.version})` : 'New plan'}</h3>
      <div className="grid">
        <KeyAndName draft={draft} setDraft={setDraft} />
        <label>
          Price (₹)
          <input
            type="number"
            min={0}
            step="0.01"
            value={draft.pricePaise / 100}
            onChange={(e) =>
              setDraft({ ...draft, pricePaise: Math.round(Number(e.target.value) * 100) })
            }
          />
        </label>
        <label>
          Billing period
          <select
            value={draft.billingPeriod}
            onChange={(e) => setDraft({ ...draft, billingPeriod: e.target.value })}
          >
            <option value="monthly">monthly</option>
            <option value="yearly">yearly</option>
          </select>
        </label>
        <label>
          Users (max)
          <input type="number" min={1} value={draft.maxUsers} onChange={num('maxUsers')} />
        </label>
        <label>
          Bulk-mail credits / month
          <input type="number" min={0} value={draft.mailCredits} onChange={num('mailCredits')} />
        </label>
      </div>
      <fieldset>
        <legend>Permission groups this plan unlocks</legend>
        {byModule.map(({ module, groups: gs }) => (
          <div key={module} className="module">
            <strong>{MODULE_NAMES[module]}</strong>
            {gs.map((g) => (
              <label key={g.id} className="check" title={g.permissions.join(', ')}>
                <input
                  type="checkbox"
                  checked={draft.groupIds.includes(g.id)}
                  onChange={() => toggle(g.id)}
                />{' '}
                {g.name}
                <small> ({g.permissions.length})</small>
              </label>
            ))}
          </div>
        ))}
      </fieldset>
      {impact && (
        <div className="impact" aria-label="Impact preview">
          <strong>Saving reaches {impact.tenants.length} tenant(s)</strong>
          {impact.tenants.length > 0 && (
            <span>: {impact.tenants.map((t) => t.slug).join(', ')}</span>
          )}
          {impact.addedModules.length > 0 && (
            <p className="ok">
              Gain modules: {impact.addedModules.map((m) => MODULE_NAMES[m] ?? m).join(', ')}
            </p>
          )}
          {impact.removedModules.length > 0 && (
            <p className="error">
              Lose modules: {impact.removedModules.map((m) => MODULE_NAMES[m] ?? m).join(', ')}
            </p>
          )}
          {(impact.addedPermissions.length > 0 || impact.removedPermissions.length > 0) && (
            <p>
              <small>
                +{impact.addedPermissions.length} / −{impact.removedPermissions.length} permissions
              </small>
            </p>
          )}
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role="status">
          {message.text}
        </p>
      )}
      {pushes && pushes.some((x) => x.state !== 'ok') && (
        <ul>
          {pushes
            .filter((x) => x.state !== 'ok')
            .map((x) => (
              <li key={x.slug}>
                {x.slug}: {x.state} ({x.error})
              </li>
            ))}
        </ul>
      )}
      <div className="buttons">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save plan'}
        </button>
        {plan && (
          <button type="button" className="danger" onClick={() => void remove()}>
            Delete plan
          </button>
        )}
      </div>
    </form>
  );
}

const MODULE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = PERMISSIONS_BY_MODULE;

function GroupEditor({
  group,
  onDone,
}: {
  readonly group: GroupView | null;
  readonly onDone: () => void;
}) {
  const [draft, setDraft] = useState({
    key: group?.key ?? '',
    name: group?.name ?? '',
    module: group?.module ?? 'crm',
    description: group?.description ?? '',
    permissions: [...(group?.permissions ?? [])],
  });
  const [error, setError] = useState<string | null>(null);
  const toggle = (perm: string) =>
    setDraft({
      ...draft,
      permissions: draft.permissions.includes(perm)
        ? draft.permissions.filter((x) => x !== perm)
        : [...draft.permissions, perm],
    });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api(
        group ? 'PUT' : 'POST',
        group ? `/api/admin/permission-groups/${group.id}` : '/api/admin/permission-groups',
        draft,
      );
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void save(e)} aria-label="Permission group editor">
      <h3>{group ? `Group ${group.name}` : 'New permission group'}</h3>
      <p>
        <small>Saving a group pushes the change to every tenant whose plan includes it.</small>
      </p>
      <div className="grid">
        <KeyAndName draft={draft} setDraft={setDraft} />
        <label>
          Module
          <select
            value={draft.module}
            onChange={(e) => setDraft({ ...draft, module: e.target.value, permissions: [] })}
          >
            {Object.entries(MODULE_NAMES).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Description"
          value={draft.description}
          onChange={(description) => setDraft({ ...draft, description })}
        />
      </div>
      <fieldset>
        <legend>Permissions</legend>
        {(MODULE_PERMISSIONS[draft.module] ?? []).map((perm) => (
          <label key={perm} className="check">
            <input
              type="checkbox"
              checked={draft.permissions.includes(perm)}
              onChange={() => toggle(perm)}
            />{' '}
            {perm}
          </label>
        ))}
      </fieldset>
      <ErrorMessage text={error} />
      <div className="buttons">
        <button type="submit">Save group</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The key and name every plan and permission group has, both required. */
function KeyAndName<D extends { readonly key: string; readonly name: string }>(props: {
  readonly draft: D;
  readonly setDraft: (draft: D) => void;
}) {
  const { draft, setDraft } = props;
  return (
    <>
      <TextField
        label="Key"
        required
        value={draft.key}
        onChange={(key) => setDraft({ ...draft, key })}
      />
      <TextField
        label="Name"
        required
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
      />
    </>
  );
}
