/**
 * The Promela twin's inline macros: the kernel helpers of mmucheck's model (faults.ts, srcu.ts,
 * hlist.ts, mmdrop and __mmdrop, the lock, unregister_no_release, synchronize_srcu). All but
 * mmdrop_free, unregister_no_release and synchronize_srcu run inside a step's d_step.
 */

/** Promela inline definitions shared by the processes. */
export const PROMELA_INLINES = `inline touch_mm() { if :: mm_freed -> fault_no_use_after_free = 1 :: else -> skip fi }
inline touch_nmm() { if :: nmm_freed -> fault_no_use_after_free = 1 :: else -> skip fi }
inline touch_listener(l) { if :: listener[l].freed -> fault_no_use_after_free = 1 :: else -> skip fi }

/* module code (a method, ->release, an SRCU callback) invoked on listener l */
inline invoke_on(l) {
  if :: !module_loaded -> fault_no_code_after_unload = 1 :: else -> skip fi;
  if :: listener[l].freed -> fault_no_callback_on_freed = 1 :: else -> skip fi;
  touch_listener(l)
}

inline srcu_read_lock(t) { nesting[t]++ }

/* leaving the outermost section ends it for every entry that waits on it */
inline srcu_read_unlock(t) {
  nesting[t]--;
  if
  :: nesting[t] == 0 -> for (i : 0 .. QMAX - 1) { queue[i].waits = queue[i].waits & ~(1 << (t)) }
  :: else -> skip
  fi
}

/* call_srcu, or a grace-period marker: waits for the sections active now */
inline enqueue(k, l, o) {
  queue[qlen].kind = k; queue[qlen].listener = l; queue[qlen].owner = o; queue[qlen].running = 0;
  queue[qlen].waits = 0;
  for (i : 0 .. NT - 1) { if :: nesting[i] > 0 -> queue[qlen].waits = queue[qlen].waits | (1 << i) :: else -> skip fi };
  qlen++
}

inline dequeue() {
  for (i : 0 .. QMAX - 2) {
    if
    :: i + 1 < qlen ->
       queue[i].kind = queue[i + 1].kind; queue[i].listener = queue[i + 1].listener;
       queue[i].owner = queue[i + 1].owner; queue[i].waits = queue[i + 1].waits; queue[i].running = queue[i + 1].running
    :: else -> skip
    fi
  };
  qlen--;
  queue[qlen].kind = DESTROY; queue[qlen].listener = -1; queue[qlen].owner = -1; queue[qlen].waits = 0; queue[qlen].running = 0
}

/* hlist_del_init_rcu(n) with __hlist_del: *pprev = next; if (next) next->pprev = pprev */
inline hlist_del_init_rcu(n) {
  node = n;
  touch_listener(node);
  if
  :: listener[node].link == POISONED -> fault_no_null_deref = 1
  :: listener[node].link == HASHED ->
     unlinked = 1;
     if
     :: nmm_first == node -> nmm_first = NEXT(node)
     :: else ->
        prev = -1;
        for (i : 0 .. NL - 1) {
          if :: prev == -1 && NEXT(i) == node && listener[i].link == HASHED -> prev = i :: else -> skip fi
        };
        if
        :: prev == -1 -> fault_list_integrity = 1; unlinked = 0
        :: else -> touch_listener(prev); SET_NEXT(prev, NEXT(node))
        fi
     fi;
     if :: unlinked && NEXT(node) >= 0 -> touch_listener(NEXT(node)) :: else -> skip fi;
     listener[node].link = UNHASHED
  :: else -> skip
  fi
}

/* mmdrop: dropped tells the next position whether __mmdrop runs first */
inline mmdrop() { touch_mm(); mm_count--; dropped = (mm_count == 0) }
inline bug_on_mmdrop() {
  if :: !mm_freed && mm_count <= 0 -> fault_no_bug_on = 1 :: else -> skip fi;
  mmdrop()
}

/* __mmdrop when this thread's mmdrop took mm_count to zero: __mmu_notifier_mm_destroy, then free_mm */
inline mmdrop_free(fin) {
  d_step {
    dropped -> dropped = 0;
    touch_nmm(); if :: !nmm_freed && nmm_first >= 0 -> fault_no_bug_on = 1 :: else -> skip fi;  /* BUG_ON(!hlist_empty) */
    CHECK
  };
  d_step { touch_nmm(); nmm_freed = 1; CHECK };              /* kfree(mm->mmu_notifier_mm) */
  d_step { touch_mm(); mm_freed = 1; finished = finished + fin; CHECK }   /* free_mm(mm) */
}

inline spin_lock(t) { touch_nmm(); nmm_lock = t }
inline spin_unlock() { touch_nmm(); nmm_lock = -1 }

/* mn->ops->release(mn, mm): module code that flushes the secondary MMU, then the driver's body */
inline invoke_release(l) {
  invoke_on(l);
  listener[l].releases++;
  listener[l].maps = 0
}

/* mmu_notifier_unregister_no_release(mn, mm) */
inline unregister_no_release(l) {
  d_step { nmm_lock == -1 -> spin_lock(_pid); CHECK };
  d_step { hlist_del_init_rcu(l); listener[l].registered = 0; CHECK };
  d_step { spin_unlock(); CHECK };
  d_step { bug_on_mmdrop(); CHECK }      /* BUG_ON(mm_count <= 0); mmdrop(mm) */
}

inline synchronize_srcu() {
  d_step { enqueue(SYNC_MARKER, -1, _pid); CHECK };
  d_step { !WAITS_FOR_MARKER(_pid) -> CHECK }   /* wait_for_completion */
}
`;
