/* A trie of keys as a double array: see trie.h. */
#include "trie.h"

#include <string.h>

/* While building: a trie with linked children, in insertion order. */
typedef struct {
    Py_UCS4 *code;
    int32_t *last_child, *first_child, *next_sibling, *value;
    Py_ssize_t count, capacity;
} Draft;

static void draft_free(Draft *draft)
{
    PyMem_Free(draft->code);
    PyMem_Free(draft->last_child);
    PyMem_Free(draft->first_child);
    PyMem_Free(draft->next_sibling);
    PyMem_Free(draft->value);
}

static int32_t draft_node(Draft *draft, Py_UCS4 code)
{
    if (draft->count == draft->capacity) {
        Py_ssize_t capacity = draft->capacity ? draft->capacity * 2 : 1024;
        if (capacity > INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "too many keys");
            return -1;
        }
#define GROW(field, type)                                                                      \
    do {                                                                                       \
        type *grown = PyMem_Realloc(draft->field, sizeof(type) * (size_t)capacity);            \
        if (grown == NULL) {                                                                   \
            PyErr_NoMemory();                                                                  \
            return -1;                                                                         \
        }                                                                                      \
        draft->field = grown;                                                                  \
    } while (0)
        GROW(code, Py_UCS4);
        GROW(last_child, int32_t);
        GROW(first_child, int32_t);
        GROW(next_sibling, int32_t);
        GROW(value, int32_t);
#undef GROW
        draft->capacity = capacity;
    }
    Py_ssize_t node = draft->count++;
    draft->code[node] = code;
    draft->last_child[node] = draft->first_child[node] = draft->next_sibling[node] = -1;
    draft->value[node] = -1;
    return (int32_t)node;
}

static int draft_add(Draft *draft, PyObject *key, int32_t value)
{
    int32_t node = 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 code = PyUnicode_READ_CHAR(key, i);
        int32_t child = draft->first_child[node];
        while (child >= 0 && draft->code[child] != code)
            child = draft->next_sibling[child];
        if (child < 0) {
            if ((child = draft_node(draft, code)) < 0)
                return -1;
            if (draft->last_child[node] < 0)
                draft->first_child[node] = child;
            else
                draft->next_sibling[draft->last_child[node]] = child;
            draft->last_child[node] = child;
        }
        node = child;
    }
    if (draft->value[node] < 0) /* the first value of a key wins, as in a dict */
        draft->value[node] = value;
    return 0;
}

static int compare_codes(const void *a, const void *b)
{
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

/* Symbols: ASCII codes of keys keep a small number each, others are numbered after 128. */
static int number_symbols(Trie *trie, const Draft *draft)
{
    memset(trie->ascii_symbol, 0, sizeof(trie->ascii_symbol));
    Py_ssize_t wide = 0;
    uint8_t next = 1;
    for (Py_ssize_t node = 1; node < draft->count; node++) {
        Py_UCS4 code = draft->code[node];
        if (code >= 128)
            wide++;
        else if (!trie->ascii_symbol[code])
            trie->ascii_symbol[code] = next++;
    }
    trie->wide_codes = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(wide ? wide : 1));
    if (trie->wide_codes == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t node = 1; node < draft->count; node++)
        if (draft->code[node] >= 128)
            trie->wide_codes[count++] = draft->code[node];
    qsort(trie->wide_codes, (size_t)count, sizeof(Py_UCS4), compare_codes);
    Py_ssize_t unique = 0;
    for (Py_ssize_t i = 0; i < count; i++)
        if (unique == 0 || trie->wide_codes[unique - 1] != trie->wide_codes[i])
            trie->wide_codes[unique++] = trie->wide_codes[i];
    trie->wide_count = unique;
    return 0;
}

static int grow_slots(Trie *trie, Py_ssize_t needed)
{
    if (needed <= trie->slot_count)
        return 0;
    Py_ssize_t size = trie->slot_count ? trie->slot_count : 1024;
    while (size < needed)
        size *= 2;
    if (size > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "too many keys");
        return -1;
    }
    TrieSlot *grown = PyMem_Realloc(trie->slots, sizeof(TrieSlot) * (size_t)size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    trie->slots = grown;
    int32_t *value = PyMem_Realloc(trie->value, sizeof(int32_t) * (size_t)size);
    if (value == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    trie->value = value;
    for (Py_ssize_t i = trie->slot_count; i < size; i++) {
        grown[i] = (TrieSlot){0, -1};
        value[i] = -1;
    }
    trie->slot_count = size;
    return 0;
}

/* While placing: the first free slot at or after each slot, as a union-find forest
 * (`free_from`), so that a search for room skips the full stretches in one step. */
typedef struct {
    int32_t *parent;
    Py_ssize_t size; /* slots covered, plus one */
} FreeSlots;

static int free_slots_cover(FreeSlots *free_slots, Py_ssize_t slots)
{
    if (slots + 1 <= free_slots->size)
        return 0;
    int32_t *grown = PyMem_Realloc(free_slots->parent, sizeof(int32_t) * (size_t)(slots + 1));
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = free_slots->size; i <= slots; i++)
        grown[i] = (int32_t)i;
    free_slots->parent = grown;
    free_slots->size = slots + 1;
    return 0;
}

static Py_ssize_t free_from(FreeSlots *free_slots, Py_ssize_t slot)
{
    int32_t *parent = free_slots->parent;
    while (parent[slot] != slot) {
        parent[slot] = parent[parent[slot]]; /* path halving */
        slot = parent[slot];
    }
    return slot;
}

/* Slots large enough for `needed`, the forest covering them. */
static int room_for(Trie *trie, FreeSlots *free_slots, Py_ssize_t needed)
{
    if (grow_slots(trie, needed) < 0)
        return -1;
    return free_slots_cover(free_slots, trie->slot_count);
}

/* The draft into the double array, breadth first; each node's children take the first base
 * where all their slots are free. */
static int place(Trie *trie, const Draft *draft)
{
    Py_ssize_t n = draft->count, widest = 128 + trie->wide_count + 1;
    int32_t *queue = PyMem_Malloc(sizeof(int32_t) * 2 * (size_t)n); /* (draft node, slot) */
    int32_t *symbols = PyMem_Malloc(sizeof(int32_t) * (size_t)widest);
    FreeSlots free_slots = {NULL, 0};
    int result = -1;
    if (queue == NULL || symbols == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (room_for(trie, &free_slots, 256) < 0)
        goto done;
    trie->slots[0] = (TrieSlot){0, -2}; /* the root */
    trie->value[0] = draft->value[0];
    free_slots.parent[0] = 1;
    Py_ssize_t head = 0, tail = 0;
    queue[2 * tail] = 0;
    queue[2 * tail + 1] = 0;
    tail++;
    while (head < tail) {
        int32_t node = queue[2 * head], slot = queue[2 * head + 1];
        head++;
        Py_ssize_t count = 0;
        for (int32_t child = draft->first_child[node]; child >= 0;
             child = draft->next_sibling[child])
            symbols[count++] = trie_symbol(trie, draft->code[child]);
        if (count == 0)
            continue;
        int32_t lowest = symbols[0];
        for (Py_ssize_t i = 1; i < count; i++)
            if (symbols[i] < lowest)
                lowest = symbols[i];
        /* Each free slot in turn holds the lowest child; the others must be free too. */
        Py_ssize_t base;
        for (Py_ssize_t free_slot = free_from(&free_slots, 1);;
             free_slot = free_from(&free_slots, free_slot + 1)) {
            base = free_slot - lowest;
            if (room_for(trie, &free_slots, free_slot + widest) < 0)
                goto done;
            if (base < 1)
                continue;
            Py_ssize_t i = 0;
            while (i < count && trie->slots[base + symbols[i]].check == -1)
                i++;
            if (i == count)
                break;
        }
        if (base > INT32_MAX - 2 * widest) {
            PyErr_SetString(PyExc_OverflowError, "too many keys");
            goto done;
        }
        trie->slots[slot].base = (int32_t)base;
        Py_ssize_t i = 0;
        for (int32_t child = draft->first_child[node]; child >= 0;
             child = draft->next_sibling[child], i++) {
            Py_ssize_t at = base + symbols[i];
            trie->slots[at] = (TrieSlot){0, slot};
            trie->value[at] = draft->value[child];
            free_slots.parent[at] = (int32_t)(at + 1);
            queue[2 * tail] = child;
            queue[2 * tail + 1] = (int32_t)at;
            tail++;
        }
    }
    result = 0;
done:
    PyMem_Free(queue);
    PyMem_Free(symbols);
    PyMem_Free(free_slots.parent);
    return result;
}

void trie_clear(Trie *trie)
{
    PyMem_Free(trie->slots);
    PyMem_Free(trie->value);
    PyMem_Free(trie->wide_codes);
    memset(trie, 0, sizeof(*trie));
}

int trie_build(Trie *trie, PyObject *keys)
{
    memset(trie, 0, sizeof(*trie));
    PyObject *items = PySequence_Fast(keys, "keys: a sequence of str");
    if (items == NULL)
        return -1;
    Draft draft = {0};
    Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    if (draft_node(&draft, 0) < 0)
        goto error;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PySequence_Fast_GET_ITEM(items, i);
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "keys: a sequence of str");
            goto error;
        }
        if (i >= INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "too many keys");
            goto error;
        }
        if (draft_add(&draft, key, (int32_t)i) < 0)
            goto error;
    }
    if (number_symbols(trie, &draft) < 0 || place(trie, &draft) < 0)
        goto error;
    draft_free(&draft);
    Py_DECREF(items);
    return 0;
error:
    draft_free(&draft);
    Py_DECREF(items);
    trie_clear(trie);
    return -1;
}
