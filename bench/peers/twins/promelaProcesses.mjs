/**
 * The Promela twin's processes, one per mmucheck thread (pids are mmucheck's thread ids): exit,
 * the readers, module exit and the SRCU worker, each step a d_step.
 */

/** The proctypes of configuration `cfg` (readers only when cfg.readers > 0). */
export function promelaProcesses(cfg) {
  const NR = cfg.readers;
  const NL = cfg.listeners;
  return `active proctype exit_task() {
  short cursor;   /* the list walk's cursor (mmucheck's frame local; 0 before the walk) */
  bit dropped;

  /* the scenarios have one mm user, so this mmput always tears the address space down */
  d_step { touch_mm(); mm_users--; CHECK };                      /* mmput: atomic_dec_and_test */
  d_step { srcu_read_lock(EXIT); CHECK };                        /* __mmu_notifier_release */
  d_step { touch_nmm(); cursor = nmm_first; CHECK };             /* hlist_for_each_entry_rcu */
walk:
  if
  :: d_step { cursor >= 0 -> invoke_release(cursor); CHECK };   /* mn->ops->release(mn, mm) */
#if BEHAVIOUR == AMDKFD || BEHAVIOUR == NO_MM_PIN
#if BEHAVIOUR == AMDKFD
     d_step { touch_mm(); mm_count++; CHECK };                   /* kfd: atomic_inc(&mm->mm_count) */
#endif
     unregister_no_release(cursor);
kfd_call_srcu:
     if
     :: mmdrop_free(0); goto kfd_call_srcu
     :: d_step { !dropped -> touch_listener(cursor); enqueue(DESTROY, cursor, -1); listener[cursor].holdsModule = 0; CHECK }
     fi;
#elif BEHAVIOUR == LAZY
     d_step { touch_listener(cursor); enqueue(DESTROY, cursor, -1); listener[cursor].holdsModule = 0; CHECK };
#elif BEHAVIOUR == EAGER_FREE
     d_step { touch_listener(cursor); listener[cursor].freed = 1; listener[cursor].holdsModule = 0; CHECK };
#elif BEHAVIOUR == SYNC_IN_RELEASE
     unregister_no_release(cursor);
sync_release:
     if
     :: mmdrop_free(0); goto sync_release
     :: d_step { !dropped -> enqueue(SYNC_MARKER, -1, EXIT); CHECK }   /* synchronize_srcu inside ->release */
     fi;
     d_step { !WAITS_FOR_MARKER(EXIT) -> CHECK };
     d_step { touch_listener(cursor); listener[cursor].freed = 1; listener[cursor].holdsModule = 0; CHECK };
#endif
     d_step { touch_listener(cursor); cursor = NEXT(cursor); CHECK };  /* mn = hlist_next_rcu(&mn->hlist) */
     goto walk
#if V317
  :: d_step { cursor < 0 && nmm_lock == -1 -> spin_lock(EXIT); CHECK }
#else
  :: d_step { cursor < 0 -> srcu_read_unlock(EXIT); CHECK }
#endif
  fi;
#if !V317
  d_step { nmm_lock == -1 -> spin_lock(EXIT); CHECK };
#endif
unlink:
  if
  :: d_step { nmm_first >= 0 -> lq = nmm_first; hlist_del_init_rcu(lq); CHECK }; goto unlink   /* while (!hlist_empty) hlist_del_init_rcu */
  :: d_step { nmm_first < 0 -> spin_unlock(); CHECK }
  fi;
#if V317
  d_step { srcu_read_unlock(EXIT); CHECK };
#endif
  synchronize_srcu();
  d_step {                                                        /* exit_mmap */
    touch_mm();
    for (i : 0 .. NL - 1) {
      if :: listener[i].registered && listener[i].releases == 0 -> fault_release_before_pages_freed = 1 :: else -> skip fi
    };
    if
    :: mm_page == MAPPED ->
       for (i : 0 .. NL - 1) {
         if :: listener[i].maps && !listener[i].freed -> fault_release_before_pages_freed = 1 :: else -> skip fi
       };
       mm_page = PAGE_FREED
    :: else -> skip
    fi;
    CHECK
  };
  d_step { mmdrop(); finished = finished + 1 - dropped; CHECK };   /* mmput: mmdrop(mm) */
end_exit:
  if :: mmdrop_free(1); goto end_exit fi
}
${NR > 0 ? READER : ''}
active proctype module_exit() {
  short pending;   /* srcu_barrier's frame local: destroys pending when it was called (bitmask) */
  d_step { ${Array.from({ length: NL }, (_, l) => `!listener[${l}].holdsModule`).join(' && ')} -> CHECK };   /* try_stop_module */
#if SYNCHRONIZE
  d_step {                                                        /* srcu_barrier: a marker, FIFO behind earlier callbacks */
    for (i : 0 .. NL - 1) { if :: PENDING_DESTROY(i) -> pending = pending | (1 << i) :: else -> skip fi };
    enqueue(BARRIER_MARKER, -1, MODEXIT);
    CHECK
  };
  d_step {                                                        /* wait_for_completion */
    !WAITS_FOR_MARKER(MODEXIT) ->
    for (i : 0 .. NL - 1) {
      if :: (pending >> i) & 1 && PENDING_DESTROY(i) -> fault_barrier_waits_for_queued = 1 :: else -> skip fi
    };
    pending = 0;
    CHECK
  };
#endif
  d_step { module_loaded = 0; finished++; CHECK };               /* free_module: module_memfree */
end_module_exit:
  false
}

active proctype srcu_worker() {
  bit dropped;
end_idle:
  do
  :: d_step { HEAD_READY && queue[0].kind != DESTROY -> dequeue(); CHECK }   /* complete(&rcu->completion) */
  :: d_step { HEAD_READY && queue[0].kind == DESTROY ->                     /* rhp->func(rhp) */
       lq = queue[0].listener; invoke_on(lq); queue[0].running = 1; CHECK };
#if BEHAVIOUR == LAZY
     d_step { mmdrop(); CHECK };                                  /* lazy_destroy: mmdrop(mm) */
#else
     d_step { bug_on_mmdrop(); CHECK };                           /* destroy: BUG_ON(mm_count <= 0); mmdrop(mm) */
#endif
destroy_kfree:
     if
     :: mmdrop_free(0); goto destroy_kfree
     :: d_step { !dropped ->                                        /* kfree(p), and the callback returns */
          lq = queue[0].listener; touch_listener(lq); listener[lq].freed = 1; dequeue(); CHECK }
     fi
  od
}
`;
}

const READER = `
active [NR] proctype reader() {
  short cursor;
  bit dropped;
  d_step { srcu_read_lock(_pid); CHECK };                        /* __mmu_notifier_invalidate_range_start */
  d_step { touch_nmm(); cursor = nmm_first; CHECK };             /* hlist_for_each_entry_rcu */
walk:
  if
  :: d_step { cursor >= 0 -> invoke_on(cursor); listener[cursor].maps = 0; CHECK };   /* invalidate_range_start */
     d_step { touch_listener(cursor); cursor = NEXT(cursor); CHECK };
     goto walk
  :: d_step { cursor < 0 -> srcu_read_unlock(_pid); CHECK }
  fi;
  d_step { mmdrop(); finished = finished + 1 - dropped; CHECK };  /* invalidate_reader: mmdrop(mm) */
end_reader:
  if :: mmdrop_free(1); goto end_reader fi
}
`;
