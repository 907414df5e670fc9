/**
 * The Murphi twin's procedures and functions: the kernel helpers of mmucheck's model (faults.ts,
 * srcu.ts, hlist.ts, the mmdrop and page steps) over the twin's state variables.
 */

/**
 * Murphi procedures and functions shared by the rules. With `symmetric`, the readers' state is the
 * scalarset-indexed array `rd` (see murphi.mjs): the queue entries' `rWaits`, the readers' SRCU
 * lock and unlock, their mmdrop and the end-state check read and write it there.
 */
export function murphiProcedures(symmetric) {
  const s = (text) => (symmetric ? text : '');
  return `procedure Fault(p: Prop); begin fault[p] := true; end;

procedure TouchMm(); begin if mm.freed then Fault(NO_USE_AFTER_FREE); endif; end;
procedure TouchNmm(); begin if nmm.freed then Fault(NO_USE_AFTER_FREE); endif; end;
procedure TouchListener(l: LId); begin if listener[l].freed then Fault(NO_USE_AFTER_FREE); endif; end;

-- module code (a method, ->release, an SRCU callback) invoked on listener l
procedure InvokeOn(l: LId);
begin
  if !moduleLoaded then Fault(NO_CODE_AFTER_UNLOAD); endif;
  if listener[l].freed then Fault(NO_CALLBACK_ON_FREED); endif;
  TouchListener(l);
end;

procedure ClearEntry(i: QIdx);
begin
  queue.e[i].kind := DESTROY; queue.e[i].listener := -1; queue.e[i].owner := -1; queue.e[i].running := false;
  for t: Tid do queue.e[i].waits[t] := false; endfor;
${s(`  for r: Reader do queue.e[i].rWaits[r] := false; endfor;
`)}end;

procedure SrcuReadLock(t: Tid); begin nesting[t] := nesting[t] + 1; end;

-- leaving the outermost section ends it for every entry that waits on it
procedure SrcuReadUnlock(t: Tid);
begin
  nesting[t] := nesting[t] - 1;
  if nesting[t] = 0 then for i: QIdx do queue.e[i].waits[t] := false; endfor; endif;
end;
${s(`
procedure ReaderReadLock(r: Reader); begin rd[r].nesting := rd[r].nesting + 1; end;

procedure ReaderReadUnlock(r: Reader);
begin
  rd[r].nesting := rd[r].nesting - 1;
  if rd[r].nesting = 0 then for i: QIdx do queue.e[i].rWaits[r] := false; endfor; endif;
end;
`)}
-- call_srcu, or a grace-period marker: waits for the sections active now
procedure Enqueue(kind: Kind; l: LRef; owner: TRef);
begin
  queue.e[queue.len].kind := kind; queue.e[queue.len].listener := l; queue.e[queue.len].owner := owner;
  queue.e[queue.len].running := false;
  for t: Tid do queue.e[queue.len].waits[t] := nesting[t] > 0; endfor;
${s(`  for r: Reader do queue.e[queue.len].rWaits[r] := rd[r].nesting > 0; endfor;
`)}  queue.len := queue.len + 1;
end;

procedure Dequeue();
begin
  for i: QIdx do if i + 1 < queue.len then queue.e[i] := queue.e[i + 1]; endif; endfor;
  ClearEntry(queue.len - 1);
  queue.len := queue.len - 1;
end;

function HeadWaits(): boolean;
begin
  for t: Tid do if queue.e[0].waits[t] then return true; endif; endfor;
${s(`  for r: Reader do if queue.e[0].rWaits[r] then return true; endif; endfor;
`)}  return false;
end;

-- the worker may invoke the head now: its grace period is over and it is not running
function HeadReady(): boolean;
begin
  return queue.len > 0 & !queue.e[0].running & !HeadWaits();
end;

function WaitsForMarker(t: Tid): boolean;
begin
  for i: QIdx do if i < queue.len & queue.e[i].owner = t then return true; endif; endfor;
  return false;
end;

function PendingDestroy(l: LId): boolean;
begin
  for i: QIdx do if i < queue.len & queue.e[i].kind = DESTROY & queue.e[i].listener = l then return true; endif; endfor;
  return false;
end;

-- __hlist_del: *pprev = next; if (next) next->pprev = pprev
procedure Unlink(l: LId);
var prev: LRef;
begin
  if nmm.first = l then
    nmm.first := listener[l].next;
  else
    prev := -1;   -- the predecessor is on the list: an unlinked node may still point at l
    for p: LId do
      if prev = -1 & listener[p].next = l & listener[p].link = HASHED then prev := p; endif;
    endfor;
    if prev = -1 then Fault(LIST_INTEGRITY); return; endif;
    TouchListener(prev);
    listener[prev].next := listener[l].next;
  endif;
  if listener[l].next >= 0 then TouchListener(listener[l].next); endif;
end;

procedure HlistDelInitRcu(l: LId);
begin
  TouchListener(l);
  if listener[l].link = POISONED then Fault(NO_NULL_DEREF); return; endif;
  if listener[l].link = HASHED then Unlink(l); listener[l].link := UNHASHED; endif;
end;

-- exit_mmap frees the address space's pages: ->release must have run on every listener its driver still registers
procedure CheckReleased();
begin
  for l: LId do
    if listener[l].registered & listener[l].releases = 0 then Fault(RELEASE_BEFORE_PAGES_FREED); endif;
  endfor;
end;

-- the page the model follows is freed: no live listener may still map it
procedure FreePage();
begin
  for l: LId do
    if listener[l].maps & !listener[l].freed then Fault(RELEASE_BEFORE_PAGES_FREED); endif;
  endfor;
  mm.page := PAGE_FREED;
end;

-- mmdrop: continue at cont, through __mmdrop when mm_count reaches zero
procedure DropMm(t: Tid; cont: Pc);
begin
  TouchMm();
  mm.count := mm.count - 1;
  if mm.count = 0 then mmdropRet[t] := cont; pc[t] := P_MMDROP_BUG; else pc[t] := cont; endif;
end;
${s(`
procedure ReaderDropMm(r: Reader; cont: Pc);
begin
  TouchMm();
  mm.count := mm.count - 1;
  if mm.count = 0 then rd[r].mmdropRet := cont; rd[r].pc := P_MMDROP_BUG; else rd[r].pc := cont; endif;
end;
`)}
procedure BugOnMmdrop(t: Tid; cont: Pc);
begin
  if !mm.freed & mm.count <= 0 then Fault(NO_BUG_ON); endif;
  DropMm(t, cont);
end;

procedure SpinLock(t: Tid); begin TouchNmm(); nmm.lock := t; end;
procedure SpinUnlock(); begin TouchNmm(); nmm.lock := -1; end;

-- mn->ops->release(mn, mm): module code that flushes the secondary MMU, then the driver's body
procedure InvokeRelease(l: LId);
begin
  InvokeOn(l);
  listener[l].releases := listener[l].releases + 1;
  listener[l].maps := false;
end;

function ReleaseEntry(): Pc;
begin
  if BEHAVIOUR = AMDKFD then return E_KFD_INC; endif;
  if BEHAVIOUR = NO_MM_PIN | BEHAVIOUR = SYNC_IN_RELEASE then return E_UNR_LOCK; endif;
  if BEHAVIOUR = LAZY then return E_LAZY_CALL_SRCU; endif;
  return E_EAGER_KFREE;
end;

-- where __mmu_notifier_release goes when its walk ends
function AfterWalk(): Pc; begin if V317 then return E_REL_SPIN_LOCK; else return E_REL_SRCU_UNLOCK; endif; end;

function AllFinished(): boolean;
begin
  for t: Tid do if t != WORKER & pc[t] != DONE then return false; endif; endfor;
${s(`  for r: Reader do if rd[r].pc != DONE then return false; endif; endfor;
`)}  return true;
end;

function NoLeak(): boolean;
begin
  for l: LId do if !listener[l].freed then return false; endif; endfor;
  return nmm.freed & mm.freed & mm.count = 0;
end;
`;
}
