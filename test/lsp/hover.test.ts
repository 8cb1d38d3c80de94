import { expectHover } from 'langium/test';
import { describe, test } from 'vitest';
import { rpcstate } from './editor-services.js';

const hover = expectHover(rpcstate);

const CLIENT = `protocol P
client Caller {
  initial state C "Make the call" {
    call
    on success   -> W<|>Comp
    on exc<|>eption -> End
  }
  state WC<|>omp "Wait for completion" {
    await RpcCall<|>Complete
    -> Comp
  }
  state Comp {
    invoke RpcAsyncCompl<|>eteCall
    -> End
  }
  end state End
}
server Man<|>ager {
  initial state D {
    dispatch
    -> X
  }
  end state E<|>nd
}
`;

describe('hover', () => {
    test('a referenced state shows its description, transitions in and out, and its phase from the analysis', async () => {
        await hover({ text: CLIENT, index: 0, hover: /\*\*state WComp\*\* — Wait for completion[\s\S]*entering: outstanding[\s\S]*Incoming: C \(on success\)[\s\S]*Outgoing: default → Comp/ });
    });

    test('the declaration of a state shows the same', async () => {
        await hover({ text: CLIENT, index: 2, hover: /\*\*state WComp\*\*[\s\S]*entering: outstanding/ });
    });

    test('an outcome the catalog gives meaning to says so', async () => {
        await hover({ text: CLIENT, index: 1, hover: /on exception\*\*: the special outcome of `call`: → failed/ });
    });

    test('a catalog event shows its side, phases, effect, facts and documentation link', async () => {
        await hover({
            text: CLIENT, index: 3,
            hover: /\*\*await RpcCallComplete\*\* · client[\s\S]*legal when the call is outstanding, known complete[\s\S]*effect: → known complete[\s\S]*RpcAsyncCompleteCall receives the reply[\s\S]*\]\(https:\/\/learn\.microsoft\.com\/windows\/win32\/rpc\/waiting-for-the-asynchronous-reply\)/,
        });
    });

    test('a function allowed on both sides shows only this side, with its special outcome', async () => {
        await hover({ text: CLIENT, index: 4, hover: /client[\s\S]*legal when the call is known complete; also outstanding when the state handles `on pending`[\s\S]*effect: → closed; `on pending`: phase unchanged/ });
    });

    test('a machine shows its one-line verdict', async () => {
        await hover({ text: CLIENT, index: 5, hover: /\*\*server Manager\*\*[\s\S]*not checked: 1 structural error/ });
    });

    test('a state of a machine with structural errors says its phases are not checked', async () => {
        await hover({ text: CLIENT, index: 6, hover: /entering: not checked: the machine has structural errors/ });
    });

    test('a keyword with no meaning of its own has no hover', async () => {
        await hover({ text: 'prot<|>ocol P', index: 0, hover: undefined });
    });
});
