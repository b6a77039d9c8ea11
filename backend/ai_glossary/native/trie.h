/* A trie of keys (str) as a double array, for walks one code point at a time.
 *
 * The child of node n by symbol c is slot t = base[n] + c when check[t] == n: one slot per
 * step keeps a walk to about one cache line a step (arrays of children scanned in turn made
 * the walk most of a matcher's time). Immutable once built. */
#ifndef AI_GLOSSARY_TRIE_H
#define AI_GLOSSARY_TRIE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

typedef struct {
    int32_t base;  /* of the node's children */
    int32_t check; /* the parent node; -1: a free slot */
} TrieSlot;

typedef struct {
    TrieSlot *slots; /* node 0 is the root */
    int32_t *value;  /* slot -> index of its key in the keys built from, or -1 */
    Py_ssize_t slot_count;
    uint8_t ascii_symbol[128]; /* 0: no key holds it */
    Py_UCS4 *wide_codes;       /* the keys' non-ASCII characters, sorted; symbol 128 + index */
    Py_ssize_t wide_count;
} Trie;

/* From a sequence of str; where a key comes twice, its first index is its value. Returns 0,
 * or -1 with an exception set (the trie then holds nothing). */
int trie_build(Trie *trie, PyObject *keys);
void trie_clear(Trie *trie);

/* The symbol of a code point, or -1 when no key holds it. */
static inline int32_t trie_symbol(const Trie *trie, Py_UCS4 code)
{
    if (code < 128)
        return trie->ascii_symbol[code] ? trie->ascii_symbol[code] : -1;
    Py_ssize_t low = 0, high = trie->wide_count;
    while (low < high) {
        Py_ssize_t middle = (low + high) / 2;
        if (trie->wide_codes[middle] < code)
            low = middle + 1;
        else
            high = middle;
    }
    return (low < trie->wide_count && trie->wide_codes[low] == code) ? (int32_t)(128 + low) : -1;
}

/* The child of `node` by `code`, or -1. */
static inline int32_t trie_child(const Trie *trie, int32_t node, Py_UCS4 code)
{
    int32_t symbol = trie_symbol(trie, code);
    if (symbol < 0)
        return -1;
    Py_ssize_t slot = (Py_ssize_t)trie->slots[node].base + symbol;
    return (slot < trie->slot_count && trie->slots[slot].check == node) ? (int32_t)slot : -1;
}

#endif
