/* The shape of a text, exactly as ai_glossary.model.shaping makes it (see shaping.py).
 *
 * One code per code point: letters, digits and marks lower-cased, "+#_" kept, a dot kept only
 * between letters or digits, every other character a boundary. Free of matcher specifics, so
 * that any native module can shape text the same way. Callers hold the GIL. */
#ifndef AI_GLOSSARY_SHAPE_H
#define AI_GLOSSARY_SHAPE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Linked into both native modules: kept inside each, so neither exports the other's. */
#pragma GCC visibility push(hidden)

#define SHAPE_BOUNDARY 0x20 /* ' ', shaping.BOUNDARY */
#define SHAPE_SPACE 0x01    /* white space, told apart so runs can be found (shaping._SPACE) */
#define SHAPE_LETTER 0x02   /* stand-ins, as a matcher's shape has them (shaping._LETTER) */
#define SHAPE_MARK 0x03

/* Tables of Unicode facts that CPython's C API does not give, built in Python once
 * (shaping.unicode_tables) and read-only afterwards. */
typedef struct {
    Py_UCS4 *marks;        /* sorted, disjoint [first, last] pairs: category M */
    Py_ssize_t mark_pairs;
    Py_UCS4 *expanding;    /* sorted: characters whose lower() is longer than one */
    Py_ssize_t expanding_count;
} ShapeTables;

/* From two sequences of ints: mark pairs flattened, and expanding characters. */
int shape_tables_init(ShapeTables *tables, PyObject *marks, PyObject *expanding);
void shape_tables_clear(ShapeTables *tables);
int shape_is_mark(const ShapeTables *tables, Py_UCS4 ch);

/* Which of shaping._shape's two paths a text takes, decided over everything shaped as one
 * text (Matcher.find_many joins its texts). */
typedef struct {
    int by_regex;  /* mostly non-ASCII: `_shape_by_regex` */
    int per_char;  /* by_regex and a character lowers to two: `char.lower()[0]`, no context */
    int stand_ins; /* byte path of a matcher: a non-ASCII word character that lower-cases to
                      ASCII ("K" Kelvin) is a stand-in, as no key's non-ASCII characters hold it */
} ShapeMode;

/* Adds the text's non-ASCII characters to *non_ascii and sets *expands if one lowers to two. */
void shape_survey(const ShapeTables *tables, PyObject *text, Py_ssize_t *non_ascii,
                  int *expands);
/* The mode for `length` code points holding `non_ascii` of them. */
ShapeMode shape_mode(Py_ssize_t length, Py_ssize_t non_ascii, int expands, int stand_ins);

/* Writes the shape of `text` (a str) to out[0 : len(text)]; white space is SHAPE_SPACE.
 * Returns 0, or -1 with an exception set. */
int shape_into(const ShapeTables *tables, PyObject *text, ShapeMode mode, Py_UCS4 *out);

/* shaping.normalize of ASCII text, byte for byte: out[0 : n] (no terminator). The tables
 * must have been initialised (shape_tables_init) once in the process. */
void shape_ascii(const Py_UCS1 *text, Py_ssize_t n, Py_UCS1 *out);

/* shaping.normalize(text): a new str of the text's length, or NULL with an exception set. */
PyObject *shape_normalize(const ShapeTables *tables, PyObject *text);

/* forms.case_key_of(text): the words of its word shape (case kept, stray dots boundaries),
 * one space between them; a new str, or NULL with an exception set. */
PyObject *shape_case_key(const ShapeTables *tables, PyObject *text);

#pragma GCC visibility pop

#endif
