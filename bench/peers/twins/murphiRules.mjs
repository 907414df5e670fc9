/**
 * The Murphi twin's initial state, its rules (one per mmucheck step, per thread) and its
 * properties (invariants in mmucheck's reporting priority; deadlocks by Rumur's "stuck" mode).
 */

/**
 * The start state, the rules of every thread (readers only when `readers` > 0) and the invariants.
 * With `symmetric`, the readers are the scalarset `Reader` and their state is `rd[r]` (murphi.mjs).
 */
export function murphiRules(readers, symmetric = false) {
  return `startstate "initial"
begin
  mm.users := 1; mm.count := 1 + NL + NR; mm.freed := false; mm.page := MAPPED;
  nmm.first := NL - 1; nmm.lock := -1; nmm.freed := false;
  for l: LId do
    listener[l].freed := false; listener[l].link := HASHED; listener[l].next := l - 1; listener[l].maps := MAPS;
    listener[l].releases := 0; listener[l].registered := true; listener[l].holdsModule := true;
    barrierPending[l] := false;
  endfor;
  queue.len := 0;
  for i: QIdx do ClearEntry(i); endfor;
  moduleLoaded := true;
  for p: Prop do fault[p] := false; endfor;
  for t: Tid do nesting[t] := 0; mmdropRet[t] := DONE; cursor[t] := 0; pc[t] := DONE; endfor;
  pc[EXIT] := E_MMPUT;
${
  symmetric
    ? `  for r: Reader do rd[r].nesting := 0; rd[r].mmdropRet := DONE; rd[r].cursor := 0; rd[r].pc := R_SRCU_LOCK; endfor;
`
    : `  for t: Tid do if t >= 1 & t <= NR then pc[t] := R_SRCU_LOCK; endif; endfor;
`
}  pc[MODEXIT] := M_TRY_STOP;
  pc[WORKER] := W_IDLE;
end;

------------------------------------------------------------------ exit: mmput and __mmu_notifier_release
-- the scenarios have one mm user, so this mmput always tears the address space down
rule "exit: mmput: if (atomic_dec_and_test(&mm->mm_users))" pc[EXIT] = E_MMPUT ==>
begin
  TouchMm(); mm.users := mm.users - 1;
  if mm.users > 0 then pc[EXIT] := DONE; else pc[EXIT] := E_REL_SRCU_LOCK; endif;
end;

rule "exit: __mmu_notifier_release: srcu_read_lock" pc[EXIT] = E_REL_SRCU_LOCK ==>
begin SrcuReadLock(EXIT); pc[EXIT] := E_REL_HEAD; end;

rule "exit: __mmu_notifier_release: hlist_for_each_entry_rcu (head)" pc[EXIT] = E_REL_HEAD ==>
begin
  TouchNmm(); cursor[EXIT] := nmm.first;
  if cursor[EXIT] < 0 then pc[EXIT] := AfterWalk(); else pc[EXIT] := E_REL_RELEASE; endif;
end;

rule "exit: __mmu_notifier_release: mn->ops->release(mn, mm)" pc[EXIT] = E_REL_RELEASE ==>
begin InvokeRelease(cursor[EXIT]); pc[EXIT] := ReleaseEntry(); end;

rule "exit: __mmu_notifier_release: mn = hlist_next_rcu(&mn->hlist)" pc[EXIT] = E_REL_NEXT ==>
begin
  TouchListener(cursor[EXIT]); cursor[EXIT] := listener[cursor[EXIT]].next;
  if cursor[EXIT] < 0 then pc[EXIT] := AfterWalk(); else pc[EXIT] := E_REL_RELEASE; endif;
end;

rule "exit: __mmu_notifier_release: spin_lock" pc[EXIT] = E_REL_SPIN_LOCK & nmm.lock = -1 ==>
begin SpinLock(EXIT); pc[EXIT] := E_REL_UNLINK; end;

rule "exit: __mmu_notifier_release: hlist_del_init_rcu(first)" pc[EXIT] = E_REL_UNLINK & nmm.first >= 0 ==>
begin HlistDelInitRcu(nmm.first); end;

rule "exit: __mmu_notifier_release: spin_unlock" pc[EXIT] = E_REL_UNLINK & nmm.first < 0 ==>
begin SpinUnlock(); if V317 then pc[EXIT] := E_REL_SRCU_UNLOCK; else pc[EXIT] := E_REL_SYNC_QUEUE; endif; end;

rule "exit: __mmu_notifier_release: srcu_read_unlock" pc[EXIT] = E_REL_SRCU_UNLOCK ==>
begin SrcuReadUnlock(EXIT); if V317 then pc[EXIT] := E_REL_SYNC_QUEUE; else pc[EXIT] := E_REL_SPIN_LOCK; endif; end;

rule "exit: synchronize_srcu" pc[EXIT] = E_REL_SYNC_QUEUE ==>
begin Enqueue(SYNC_MARKER, -1, EXIT); pc[EXIT] := E_REL_SYNC_WAIT; end;

rule "exit: synchronize_srcu: wait_for_completion" pc[EXIT] = E_REL_SYNC_WAIT & !WaitsForMarker(EXIT) ==>
begin pc[EXIT] := E_EXIT_MMAP; end;

rule "exit: exit_mmap: unmap_vmas; free_pgtables" pc[EXIT] = E_EXIT_MMAP ==>
begin TouchMm(); CheckReleased(); if mm.page = MAPPED then FreePage(); endif; pc[EXIT] := E_MMPUT_MMDROP; end;

rule "exit: mmput: mmdrop(mm)" pc[EXIT] = E_MMPUT_MMDROP ==>
begin DropMm(EXIT, DONE); end;

------------------------------------------------------------------ exit: the ->release bodies (listener = cursor)
rule "exit: kfd_process_notifier_release: atomic_inc(&mm->mm_count)" pc[EXIT] = E_KFD_INC ==>
begin TouchMm(); mm.count := mm.count + 1; pc[EXIT] := E_UNR_LOCK; end;

rule "exit: mmu_notifier_unregister_no_release: spin_lock" pc[EXIT] = E_UNR_LOCK & nmm.lock = -1 ==>
begin SpinLock(EXIT); pc[EXIT] := E_UNR_DEL; end;

rule "exit: mmu_notifier_unregister_no_release: hlist_del_init_rcu" pc[EXIT] = E_UNR_DEL ==>
begin HlistDelInitRcu(cursor[EXIT]); listener[cursor[EXIT]].registered := false; pc[EXIT] := E_UNR_UNLOCK; end;

rule "exit: mmu_notifier_unregister_no_release: spin_unlock" pc[EXIT] = E_UNR_UNLOCK ==>
begin SpinUnlock(); pc[EXIT] := E_UNR_MMDROP; end;

rule "exit: mmu_notifier_unregister_no_release: BUG_ON(mm_count <= 0); mmdrop" pc[EXIT] = E_UNR_MMDROP ==>
begin
  if BEHAVIOUR = SYNC_IN_RELEASE then BugOnMmdrop(EXIT, E_SR_SYNC_QUEUE); else BugOnMmdrop(EXIT, E_KFD_CALL_SRCU); endif;
end;

rule "exit: kfd_process_notifier_release: mmu_notifier_call_srcu" pc[EXIT] = E_KFD_CALL_SRCU ==>
begin
  TouchListener(cursor[EXIT]); Enqueue(DESTROY, cursor[EXIT], -1);
  listener[cursor[EXIT]].holdsModule := false; pc[EXIT] := E_REL_NEXT;
end;

rule "exit: lazy_release: mmu_notifier_call_srcu" pc[EXIT] = E_LAZY_CALL_SRCU ==>
begin
  TouchListener(cursor[EXIT]); Enqueue(DESTROY, cursor[EXIT], -1);
  listener[cursor[EXIT]].holdsModule := false; pc[EXIT] := E_REL_NEXT;
end;

rule "exit: eager_release: kfree(obj)" pc[EXIT] = E_EAGER_KFREE ==>
begin
  TouchListener(cursor[EXIT]); listener[cursor[EXIT]].freed := true;
  listener[cursor[EXIT]].holdsModule := false; pc[EXIT] := E_REL_NEXT;
end;

rule "exit: sync_release: synchronize_srcu" pc[EXIT] = E_SR_SYNC_QUEUE ==>
begin Enqueue(SYNC_MARKER, -1, EXIT); pc[EXIT] := E_SR_SYNC_WAIT; end;

rule "exit: sync_release: synchronize_srcu: wait_for_completion" pc[EXIT] = E_SR_SYNC_WAIT & !WaitsForMarker(EXIT) ==>
begin pc[EXIT] := E_SR_KFREE; end;

rule "exit: sync_release: kfree(obj)" pc[EXIT] = E_SR_KFREE ==>
begin
  TouchListener(cursor[EXIT]); listener[cursor[EXIT]].freed := true;
  listener[cursor[EXIT]].holdsModule := false; pc[EXIT] := E_REL_NEXT;
end;
${readers > 0 ? readerRules(symmetric) : ''}
------------------------------------------------------------------ module exit
rule "module-exit: try_stop_module" pc[MODEXIT] = M_TRY_STOP & forall l: LId do !listener[l].holdsModule endforall ==>
begin if SYNCHRONIZE then pc[MODEXIT] := M_BARRIER_QUEUE; else pc[MODEXIT] := M_FREE; endif; end;

-- classic SRCU: srcu_barrier is a grace-period marker, and FIFO order makes it wait for earlier callbacks
rule "module-exit: srcu_barrier" pc[MODEXIT] = M_BARRIER_QUEUE ==>
begin
  for l: LId do barrierPending[l] := PendingDestroy(l); endfor;
  Enqueue(BARRIER_MARKER, -1, MODEXIT); pc[MODEXIT] := M_BARRIER_WAIT;
end;

rule "module-exit: srcu_barrier: wait_for_completion" pc[MODEXIT] = M_BARRIER_WAIT & !WaitsForMarker(MODEXIT) ==>
begin
  for l: LId do
    if barrierPending[l] & PendingDestroy(l) then Fault(BARRIER_WAITS_FOR_QUEUED); endif;
    barrierPending[l] := false;
  endfor;
  pc[MODEXIT] := M_FREE;
end;

rule "module-exit: free_module: module_memfree" pc[MODEXIT] = M_FREE ==>
begin moduleLoaded := false; pc[MODEXIT] := DONE; end;

------------------------------------------------------------------ the SRCU worker (a daemon)
rule "srcu-worker: complete(&rcu->completion)" pc[WORKER] = W_IDLE & HeadReady() & queue.e[0].kind != DESTROY ==>
begin Dequeue(); end;

rule "srcu-worker: rhp->func(rhp)" pc[WORKER] = W_IDLE & HeadReady() & queue.e[0].kind = DESTROY ==>
begin
  InvokeOn(queue.e[0].listener);
  queue.e[0].running := true;
  if BEHAVIOUR = LAZY then pc[WORKER] := W_LAZY_MMDROP; else pc[WORKER] := W_KFD_MMDROP; endif;
end;

rule "srcu-worker: kfd_process_destroy_delayed: BUG_ON(mm_count <= 0); mmdrop" pc[WORKER] = W_KFD_MMDROP ==>
begin BugOnMmdrop(WORKER, W_KFD_KFREE); end;

rule "srcu-worker: kfd_process_destroy_delayed: kfree(p)" pc[WORKER] = W_KFD_KFREE ==>
begin
  TouchListener(queue.e[0].listener); listener[queue.e[0].listener].freed := true;
  Dequeue(); pc[WORKER] := W_IDLE;
end;

rule "srcu-worker: lazy_destroy: mmdrop(mm)" pc[WORKER] = W_LAZY_MMDROP ==>
begin DropMm(WORKER, W_LAZY_KFREE); end;

rule "srcu-worker: lazy_destroy: kfree(obj)" pc[WORKER] = W_LAZY_KFREE ==>
begin
  TouchListener(queue.e[0].listener); listener[queue.e[0].listener].freed := true;
  Dequeue(); pc[WORKER] := W_IDLE;
end;

------------------------------------------------------------------ __mmdrop, on any thread
ruleset t: Tid do
  rule "__mmu_notifier_mm_destroy: BUG_ON(!hlist_empty(&mm->mmu_notifier_mm->list))" pc[t] = P_MMDROP_BUG ==>
  begin
    TouchNmm(); if !nmm.freed & nmm.first >= 0 then Fault(NO_BUG_ON); endif;
    pc[t] := P_MMDROP_KFREE_NMM;
  end;

  rule "__mmu_notifier_mm_destroy: kfree(mm->mmu_notifier_mm)" pc[t] = P_MMDROP_KFREE_NMM ==>
  begin TouchNmm(); nmm.freed := true; pc[t] := P_MMDROP_FREE_MM; end;

  rule "__mmdrop: free_mm(mm)" pc[t] = P_MMDROP_FREE_MM ==>
  begin TouchMm(); mm.freed := true; pc[t] := mmdropRet[t]; mmdropRet[t] := DONE; end;
end;
${symmetric ? READER_MMDROP : ''}
------------------------------------------------------------------ proper ends and properties
-- every thread has finished and no callback is queued: a proper end, not a deadlock ("stuck" mode)
rule "every thread has finished" AllFinished() & queue.len = 0 ==> begin end;

invariant "no-code-after-unload" !fault[NO_CODE_AFTER_UNLOAD];
invariant "no-callback-on-freed" !fault[NO_CALLBACK_ON_FREED];
invariant "no-use-after-free" !fault[NO_USE_AFTER_FREE];
invariant "barrier-waits-for-queued" !fault[BARRIER_WAITS_FOR_QUEUED];
invariant "grace-period" !fault[GRACE_PERIOD];
invariant "no-bug-on" !fault[NO_BUG_ON];
invariant "no-null-deref" !fault[NO_NULL_DEREF];
invariant "list-integrity" !fault[LIST_INTEGRITY];
invariant "release-before-pages-freed" !fault[RELEASE_BEFORE_PAGES_FREED];
invariant "no-leak" !(AllFinished() & queue.len = 0) | NoLeak();
`;
}

/** The readers' rules: ruleset over 1..NR on the Tid-indexed arrays, or over the scalarset on `rd`. */
function readerRules(symmetric) {
  const pc = (r) => (symmetric ? `rd[${r}].pc` : `pc[${r}]`);
  const cursor = (r) => (symmetric ? `rd[${r}].cursor` : `cursor[${r}]`);
  const lock = symmetric ? 'ReaderReadLock' : 'SrcuReadLock';
  const unlock = symmetric ? 'ReaderReadUnlock' : 'SrcuReadUnlock';
  const drop = symmetric ? 'ReaderDropMm' : 'DropMm';
  return `
------------------------------------------------------------------ invalidate readers (each holds an mm_count reference)
ruleset r: ${symmetric ? 'Reader' : '1..NR'} do
  rule "reader: __mmu_notifier_invalidate_range_start: srcu_read_lock" ${pc('r')} = R_SRCU_LOCK ==>
  begin ${lock}(r); ${pc('r')} := R_HEAD; end;

  rule "reader: hlist_for_each_entry_rcu (head)" ${pc('r')} = R_HEAD ==>
  begin
    TouchNmm(); ${cursor('r')} := nmm.first;
    if ${cursor('r')} < 0 then ${pc('r')} := R_SRCU_UNLOCK; else ${pc('r')} := R_METHOD; endif;
  end;

  rule "reader: mn->ops->invalidate_range_start(mn, mm, start, end)" ${pc('r')} = R_METHOD ==>
  begin InvokeOn(${cursor('r')}); listener[${cursor('r')}].maps := false; ${pc('r')} := R_NEXT; end;

  rule "reader: mn = hlist_next_rcu(&mn->hlist)" ${pc('r')} = R_NEXT ==>
  begin
    TouchListener(${cursor('r')}); ${cursor('r')} := listener[${cursor('r')}].next;
    if ${cursor('r')} < 0 then ${pc('r')} := R_SRCU_UNLOCK; else ${pc('r')} := R_METHOD; endif;
  end;

  rule "reader: srcu_read_unlock" ${pc('r')} = R_SRCU_UNLOCK ==>
  begin ${unlock}(r); ${pc('r')} := R_MMDROP; end;

  rule "reader: invalidate_reader: mmdrop(mm)" ${pc('r')} = R_MMDROP ==>
  begin ${drop}(r, DONE); end;
end;
`;
}

/** __mmdrop on a reader (the symmetric twin: the readers' positions are in `rd`). */
const READER_MMDROP = `
ruleset r: Reader do
  rule "__mmu_notifier_mm_destroy: BUG_ON(!hlist_empty(&mm->mmu_notifier_mm->list))" rd[r].pc = P_MMDROP_BUG ==>
  begin
    TouchNmm(); if !nmm.freed & nmm.first >= 0 then Fault(NO_BUG_ON); endif;
    rd[r].pc := P_MMDROP_KFREE_NMM;
  end;

  rule "__mmu_notifier_mm_destroy: kfree(mm->mmu_notifier_mm)" rd[r].pc = P_MMDROP_KFREE_NMM ==>
  begin TouchNmm(); nmm.freed := true; rd[r].pc := P_MMDROP_FREE_MM; end;

  rule "__mmdrop: free_mm(mm)" rd[r].pc = P_MMDROP_FREE_MM ==>
  begin TouchMm(); mm.freed := true; rd[r].pc := rd[r].mmdropRet; rd[r].mmdropRet := DONE; end;
end;
`;
