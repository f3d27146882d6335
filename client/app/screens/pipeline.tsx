import { useMemo, useState } from 'react';

import { DEAL_STAGES, type Deal, type DealStage } from '../../../shared/domain';
import { Dialog } from '../components/dialog';
import { Kanban } from '../components/kanban';
import { useCan, useEntities, useMutate, useUsers } from '../data';
import { STAGE_LABEL, groupByStage, positionAt, totals } from '../lib/deals';
import { formatDay, formatINR, formatINRShort } from '../lib/format';
import { navigate, useLocation } from '../router';
import type { ScreenProps } from '../routes';
import { DealEditor } from './deal-editor';

interface PendingLoss {
  readonly deal: Deal;
  readonly position: string;
}

export default function PipelineScreen(_props: ScreenProps) {
  const deals = useEntities('deal');
  const users = useUsers();
  const mutate = useMutate();
  const canMove = useCan('deals.update');
  const canCreate = useCan('deals.create');
  const { query } = useLocation();
  const open = query.get('deal');
  const [loss, setLoss] = useState<PendingLoss | null>(null);
  const [reason, setReason] = useState('');

  const byStage = useMemo(() => groupByStage(deals), [deals]);
  const userName = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);

  const columns = DEAL_STAGES.map((stage) => {
    const t = totals(byStage[stage]);
    return {
      id: stage,
      title: STAGE_LABEL[stage],
      summary: (
        <p className="col-total" data-testid={`total-${stage}`}>
          <strong>{formatINRShort(t.valuePaise)}</strong> · {t.count} {t.count === 1 ? 'deal' : 'deals'}
        </p>
      ),
    };
  });

  const onMove = (deal: Deal, toColumn: string, index: number) => {
    if (!canMove) return;
    const stage = toColumn as DealStage;
    const target = byStage[stage].filter((d) => d.id !== deal.id);
    const position = positionAt(target, index);
    if (stage === 'lost' && deal.stage !== 'lost') {
      setReason(deal.lostReason ?? '');
      setLoss({ deal, position });
      return;
    }
    void mutate('moveDeal', { id: deal.id, stage, position });
  };

  const confirmLoss = () => {
    if (loss === null) return;
    void mutate('moveDeal', { id: loss.deal.id, stage: 'lost', position: loss.position, lostReason: reason.trim() || null });
    setLoss(null);
  };

  return (
    <section className="screen pipeline">
      <header className="screen-head">
        <h1>Pipeline</h1>
        {canCreate && <button type="button" onClick={() => navigate('/pipeline?deal=new')}>New deal</button>}
      </header>
      <p className="sr-only" id="kanban-help">
        Focus a deal and press Space to pick it up, arrow keys to move it, Space to drop, Escape to cancel.
      </p>
      <Kanban
        columns={columns}
        cards={byStage}
        getKey={(d) => d.id}
        cardLabel={(d) => `${d.title}, ${formatINR(d.valuePaise)}`}
        onOpen={(d) => navigate(`/pipeline?deal=${d.id}`)}
        onMove={onMove}
        renderCard={(d) => (
          <div className="deal-card">
            <strong>{d.title}</strong>
            <span className="deal-value">{formatINR(d.valuePaise)}</span>
            <span className="muted">
              {[d.ownerId === null ? null : userName.get(d.ownerId), d.expectedClose === null ? null : `closes ${formatDay(d.expectedClose)}`, `${d.probability}%`]
                .filter(Boolean).join(' · ')}
            </span>
            {d.stage === 'lost' && d.lostReason !== null && <span className="lost-reason">Lost: {d.lostReason}</span>}
          </div>
        )}
      />
      <Dialog open={loss !== null} title={`Why was “${loss?.deal.title ?? ''}” lost?`} onClose={() => setLoss(null)}>
        <form method="dialog" className="form" onSubmit={(e) => { e.preventDefault(); confirmLoss(); }}>
          <label htmlFor="lost-reason">Reason</label>
          <textarea id="lost-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. chose a cheaper supplier" />
          <div className="form-actions">
            <button type="submit">Mark as lost</button>
            <button type="button" className="ghost" onClick={() => setLoss(null)}>Cancel</button>
          </div>
        </form>
      </Dialog>
      {open !== null && <DealEditor key={open} id={open} deal={deals.find((d) => d.id === open)} lastLead={byStage.lead} />}
    </section>
  );
}
