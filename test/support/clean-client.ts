/**
 * A clean client (the documented table's shape, with no cancel): the base
 * that quick-fix tests break in one place and expect back after the fix.
 */
export const CLEAN_CLIENT = `protocol P

client Caller {
  initial state C {
    call
    on success   -> WComp
    on exception -> End
  }

  state WComp {
    await RpcCallComplete
    -> Comp
  }

  state Comp {
    invoke RpcAsyncCompleteCall
    -> End
  }

  end state End
}
`;
