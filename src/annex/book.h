/* book.h — the annex's workbook as data, before any file is written: its
 * sheets in display order, their cells (text, numbers, dates, links,
 * formulas with their cached results), their tables, and the helpers the
 * sheet builders use to fill them. Internal to src/annex/: every file of
 * the annex includes it; nothing here knows libxlsxwriter (annex/xlsx.c
 * writes a book with it).
 *
 * How a sheet looks: row 1 says where its rows come from (the sheet's
 * `source` line); its main table starts on row 2 (header) with one record
 * per row from row 3. Every column of a table is either an input column
 * (a value of the data file, "saisie") or a computed one ("calculé"): a
 * calculated column of the Excel table, one formula for the whole column
 * written with structured references (Evenements[[#This Row],[Date]],
 * Sessions[Événement]), so that it reads the same on every row, survives
 * any sort or filter and is given to the rows a reader adds. The two kinds
 * are styled apart (explained on À propos).
 *
 * How a book is made: book_init() names the sheets; the builders (the
 * sheets_*.c files) fill them in the order of annex_steps[]. The writer
 * builds, writes and forgets one data sheet at a time (book_drop_cells), so
 * that the book never holds more than one of them; only their extents
 * (tables' rows) stay. Formulas refer to other tables by name and column
 * header, which are static (annex_header), so a sheet can refer to one
 * built after it.
 *
 * Also shared by the module: the document properties (annex_props) and the
 * error a failure is reported with (annex_error).
 *
 * Ownership: strings of cells live in b->arena (freed with the book, or
 * between data sheets by the writer); cells in each sheet's array. */
#ifndef PR_ANNEX_BOOK_H
#define PR_ANNEX_BOOK_H

#include <stddef.h>
#include <time.h>

#include "annex/annex.h"
#include "base/diag.h"
#include "base/util.h"
#include "data/figures.h"
#include "data/model.h"

#ifndef PR_VERSION
#define PR_VERSION "0.0.0"
#endif

/* Most columns a sheet may have (the widest, Événements, has 24; each
 * sheet's header checks its own at compile time). */
#define ANNEX_MAX_COLS 32

/* Most tables on one sheet (Listes holds one per code list). */
#define ANNEX_MAX_TABLES 10

/* ---- sheets --------------------------------------------------------------- */
/* The sheets in display order, one row each:
 *   X(ID, "sheet name", "name of its main table (ASCII)", "its line in À propos")
 * The name is what the reader sees; formulas name tables, not sheets;
 * annex_sheet_of_records() gives the sheet of each kind of record the
 * figures count. */
#define ANNEX_SHEET_TABLE(X)                                                                       \
    X(SH_ABOUT, "À propos", "Feuilles",                                                            \
      "Ce qu'est ce classeur, d'où il vient, comment le lire et comment une correction rejoint "  \
      "le rapport.")                                                                              \
    X(SH_SUMMARY, "Synthèse", "ChiffresCles",                                                      \
      "Les chiffres clés, recalculés par formule à partir des feuilles de données, avec leur "    \
      "unité, leur définition et les lignes comptées ; les participations par mois et leur "      \
      "graphique.")                                                                               \
    X(SH_CHECKS, "Contrôles", "Controles",                                                        \
      "Chaque chiffre déjà publié (chiffres déclarés) comparé à la valeur recalculée, avec la "   \
      "publication d'origine et l'explication d'un écart.")                                       \
    X(SH_EVOLUTION, "Évolution", "Evolution",                                                      \
      "Les chiffres clés par année : l’année du rapport recalculée par formule, les années "      \
      "précédentes saisies avec leur source, l’écart et l’évolution par formule, « non "          \
      "comparable » quand la définition d’un chiffre a changé.")                                  \
    X(SH_GLOSSARY, "Définitions", "Glossaire", "Les termes des définitions, un par ligne.")        \
    X(SH_EVENTS, "Événements", "Evenements",                                                       \
      "Un événement par ligne (atelier, webinaire, rencontre, stand…).")                          \
    X(SH_SESSIONS, "Sessions", "Sessions",                                                         \
      "Une session d'événement par ligne (table ronde, mini-conférence, atelier…).")              \
    X(SH_SPEAKERS, "Intervenants", "Intervenants",                                                 \
      "Un intervenant par ligne, avec son événement et sa session.")                              \
    X(SH_PRESENCES, "Présences des élus", "Presences",                                             \
      "Une présence d'élu à un événement par ligne.")                                             \
    X(SH_WORKSTREAMS, "Chantiers", "Chantiers",                                                    \
      "Un chantier thématique par ligne, avec son statut pour l'année et l'année précédente.")    \
    X(SH_ACTIONS, "Actions", "Actions", "Une action de chantier par ligne.")                       \
    X(SH_OFFICIALS, "Élus", "Elus", "Un élu engagé par ligne.")                                    \
    X(SH_NETWORKS, "Réseaux locaux", "ReseauxLocaux", "Un réseau local par ligne.")                \
    X(SH_DEPTS, "Départements", "Departements",                                                    \
      "Tous les départements, chacun dit couvert ou non par les réseaux locaux actifs.")          \
    X(SH_TEAM, "Équipe", "Equipe", "Un membre de l'équipe d'animation par ligne.")                 \
    X(SH_CONSULTANCIES, "Prestataires", "Prestataires",                                            \
      "Un prestataire de l'équipe d'animation par ligne.")                                        \
    X(SH_PARTNERS, "Partenaires", "Partenaires",                                                   \
      "Un partenaire du comité de pilotage par ligne.")                                           \
    X(SH_MEETINGS, "Gouvernance", "Gouvernance", "Une réunion de gouvernance par ligne.")          \
    X(SH_NEWSLETTERS, "Lettres", "Lettres", "Une lettre d'info par ligne.")                        \
    X(SH_QUOTES, "Citations", "Citations", "Une citation par ligne.")                              \
    X(SH_LISTS, "Listes", "TypesEvenement",                                                        \
      "Les listes de codes (types, statuts, échelles, précisions, axes, régions) que les "        \
      "colonnes « (clé) » admettent.")

typedef enum {
#define ANNEX_SHEET_ID(id, name, table, about) id,
    ANNEX_SHEET_TABLE(ANNEX_SHEET_ID)
#undef ANNEX_SHEET_ID
    SH__N
} annex_sheet_id;

/* The first record sheet, and the last: the sheets between list records
 * of the data file (or, for Départements, of the reference geography). */
#define SH_FIRST_DATA SH_EVENTS
#define SH_LAST_DATA SH_QUOTES

/* The sheet listing the records of a kind (PR_RECORDS_OFFICIALS: SH_OFFICIALS). */
annex_sheet_id annex_sheet_of_records(pr_record_kind k);

/* ---- cells ---------------------------------------------------------------- */
typedef enum {
    FMT_TEXT,      /* text, top-aligned (wraps when its column is capped) */
    FMT_INT,       /* integer "0" */
    FMT_DEC,       /* "0.0000" (coordinates) */
    FMT_DAY,       /* dd/mm/yyyy */
    FMT_MONTH,     /* "mars 2023" */
    FMT_YEAR,      /* yyyy */
    FMT_TITLE,     /* big bold title */
    FMT_LABEL,     /* bold label */
    FMT_INT_LEFT,  /* integer "0", left-aligned (beside text) */
    FMT_NOTE,      /* the sheet's source line: italic, not wrapped */
    FMT_LINK,      /* a hyperlink */
    FMT_CODE,      /* fixed-width text (a checksum) */
    FMT_PCT,       /* a rate: "+12.5 %" (the value 0.125) */
    FMT__N
} annex_fmt;

typedef enum {
    CK_STR,        /* text */
    CK_NUM,        /* number */
    CK_DATE,       /* date (an Excel serial date once written) */
    CK_FNUM,       /* formula with a numeric cached result */
    CK_FSTR,       /* formula with a text cached result */
    CK_LINK        /* a link to a place of the book: s the text, cached the target
                      ("'Événements'!A1") */
} annex_cell_kind;

/* Input cells (values of the data file) and computed ones (formulas) look
 * different; a cell styled "auto" takes the style of the table column it
 * is in (computed if the column is, else input), and is plain outside
 * tables unless it holds a formula. */
typedef enum { ST_AUTO, ST_INPUT, ST_COMPUTED, ST_PLAIN } annex_style;

typedef struct annex_cell {
    unsigned row, col;    /* 0-based */
    annex_cell_kind kind;
    annex_fmt fmt;
    annex_style style;    /* how it is styled (auto: by its table column) */
    const char *s;        /* CK_STR: the text; CK_F*: the formula, with its '=' */
    const char *cached;   /* CK_FSTR: cached text result; CK_LINK: target */
    double num;           /* CK_NUM: the value; CK_FNUM: the cached result */
    pr_date date;         /* CK_DATE */
} annex_cell;

/* An Excel table: a header row, then n_records rows (at least one is
 * written, even when there is no record). A column with a formula is a
 * calculated column: every row holds that formula (written with its
 * cached result by the builder). */
typedef struct annex_table {
    const char *name;     /* Excel table name (ASCII) */
    unsigned row, col;    /* header cell, 0-based */
    const char *const *headers;
    size_t n_cols;
    size_t n_records;
    const char *formulas[ANNEX_MAX_COLS];     /* with '=' (NULL: an input column) */
    /* a computed column: a calculated one, or one whose cells each hold
       their own formula (Synthèse's values) */
    unsigned char computed[ANNEX_MAX_COLS];
    /* a data-validation list: the formula of the range listing the codes
       admitted ("='Listes'!$A$3:$A$12"), or NULL */
    const char *validations[ANNEX_MAX_COLS];
    annex_fmt col_fmt[ANNEX_MAX_COLS];        /* format of a calculated column's cells */
} annex_table;

typedef struct annex_sheet {
    const char *name;     /* from ANNEX_SHEET_TABLE */
    const char *table_name;
    const char *about;
    const char *source;   /* row 1: where its rows come from */
    annex_cell *cells;    /* in the order written */
    size_t n_cells, cap_cells;
    annex_table tables[ANNEX_MAX_TABLES];
    size_t n_tables;
    unsigned header_row;  /* the main table's header row (frozen above, repeated
                             on printed pages); 0 when the sheet has no table */
    int has_table;
    /* Contrôles: a column of statuses, those beginning with `ok` shown green,
       with `gap` red */
    struct {
        int col;          /* -1: none */
        unsigned first, last;  /* rows */
        const char *ok, *gap;
    } status;
    /* Synthèse: a column chart of two columns of its second table */
    struct {
        int present;
        unsigned row, col;           /* top left cell */
        unsigned cat_col, val_col;   /* the table's category and value columns */
        size_t n;                    /* rows charted (from the table's first record) */
        const char *title, *series, *y_axis;
        const char *alt_text;        /* its description for screen readers */
        double *values;              /* n values, the cached data (arena) */
    } chart;
} annex_sheet;

/* What the annex says about the data file it comes from. */
typedef struct annex_source {
    const char *name;     /* the file's name, no folder ("2023.yaml"), or
                             "entrée standard" */
    char sha256[65];      /* hex, "" when unknown */
    time_t produced;      /* the production date */
    const char *produced_how;  /* how it was chosen (French) */
} annex_source;

typedef struct annex_book {
    pr_arena arena;
    const pr_model *m;
    const pr_figures *f;
    const pr_checks *c;          /* may be NULL */
    const pr_annex_opts *o;      /* may be NULL (then no history: Évolution has
                                    the report's year alone) */
    int year;
    annex_source src;
    annex_sheet sheets[SH__N];
    /* Synthèse: the figure formulas, with '=' (index: pr_figure_id) */
    const char **formulas;
} annex_book;

/* The workbook's document properties (File > Properties), made by
 * annex_props_make (sheets_summary.c); strings malloc'd. */
typedef struct annex_props {
    char *title, *subject, *keywords, *comments, *company;   /* company may be NULL */
    const char *author;
    time_t created;
} annex_props;

/* A text cut to fit a cell: an Excel cell holds at most ANNEX_CELL_MAX
 * bytes of text (libxlsxwriter's limit, 32 767). The whole text is named
 * by its length and hash, so that the parent finds where it is in the
 * data (annex.c) and warns there. */
#define ANNEX_CELL_MAX 32767
typedef struct annex_cut {
    char sheet[48];               /* the sheet's name */
    char cell[12];                /* "D12" */
    size_t bytes;                 /* the whole text's length in bytes */
    unsigned long long hash;      /* and its pr_fnv1a */
    size_t chars, kept;           /* characters: in the text, kept in the cell */
} annex_cut;

/* How writing the annex went: why it failed, if it did (the class of the
 * error, from which the exit status follows, and a French reason such as
 * "mémoire insuffisante"); and, failed or not, the texts cut to fit a
 * cell (the first ANNEX_MAX_CUTS of them, and how many there were). */
#define ANNEX_MAX_CUTS 16
typedef struct annex_error {
    pr_diag_class cls;
    char why[512];
    annex_cut cuts[ANNEX_MAX_CUTS];
    size_t n_cuts, total_cuts;
} annex_error;

/* Set e (the first failure wins: an error already set is kept). */
void annex_fail(annex_error *e, pr_diag_class cls, const char *fmt, ...) PR_PRINTF(3, 4);

/* ---- making a book -------------------------------------------------------- */
typedef void annex_builder(annex_book *b);

/* One step of the making of a book: a sheet and its builder. */
typedef struct annex_step {
    annex_sheet_id sheet;
    annex_builder *build;
} annex_step;

/* Every sheet in the order it is built: the record sheets and Listes, then
 * Synthèse, Contrôles, Définitions and À propos (which count every sheet's
 * rows). */
extern const annex_step annex_steps[SH__N];

/* An empty book: the sheets named, nothing built; the data file's name,
 * checksum and production date from o (see annex.h). c and o may be NULL. */
void book_init(annex_book *b, const pr_model *m, const pr_figures *f, const pr_checks *c,
               const pr_annex_opts *o);
/* Build every sheet, keeping all cells (used to read formulas back). */
void book_build(annex_book *b);
/* Forget a sheet's cells once written (its tables' extents stay). */
void book_drop_cells(annex_book *b, annex_sheet_id id);
void book_free(annex_book *b);

/* ---- filling sheets ------------------------------------------------------- */
/* A formatted string copied into the book's arena. */
const char *book_printf(annex_book *b, const char *fmt, ...) PR_PRINTF(2, 3);
/* A string list joined with "; " (NULL when empty), in the arena. */
const char *book_join(annex_book *b, const pr_strlist *l);

/* Start a sheet's main table (its name from ANNEX_SHEET_TABLE): `source` on
 * row 1, the header on row 2, n_records rows from row 3 (annex_row()). */
annex_sheet *book_start_table(annex_book *b, annex_sheet_id id, const char *source,
                              const char *const *headers, size_t n_cols, size_t n_records);
/* Add another table to a sheet (header cell at row, col). */
annex_table *book_add_table(annex_sheet *sh, const char *name, unsigned row, unsigned col,
                            const char *const *headers, size_t n_cols, size_t n_records);
/* The sheet row of the i-th record (0-based) of a sheet's main table. */
unsigned annex_row(const annex_sheet *sh, size_t i);

/* Make column col of table t a calculated column (formula with its '=',
 * copied into the arena) whose cells have format fmt. */
void book_set_formula(annex_book *b, annex_table *t, unsigned col, annex_fmt fmt,
                      const char *formula);
/* Restrict column col of table t to the codes listed in column list_col of
 * the code list `list` (a table of Listes, or another sheet's table). */
void book_set_validation(annex_book *b, annex_table *t, unsigned col, annex_sheet_id sheet,
                         const char *table, unsigned list_col);

/* Text (NULL or "" writes nothing), with FMT_TEXT or another format. */
void book_put_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, const char *s);
void book_put_fmt_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, annex_fmt fmt,
                      const char *s);
void book_put_num(annex_sheet *sh, unsigned row, unsigned col, double v, annex_fmt fmt);
/* An integer, or nothing when `known` is 0. */
void book_put_int_opt(annex_sheet *sh, unsigned row, unsigned col, long v, int known);
/* A date as a real date: day precision dd/mm/yyyy, month precision the
 * first of the month shown "mars 2023", year precision 1 January as yyyy;
 * nothing when there is no date. */
void book_put_date(annex_sheet *sh, unsigned row, unsigned col, pr_date d);
/* A formula (with its '=') and the value figures.c computed for it. */
void book_put_formula_num(annex_book *b, annex_sheet *sh, unsigned row, unsigned col,
                          const char *formula, double cached);
void book_put_formula_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col,
                          const char *formula, const char *cached);
/* The calculated column col of the sheet's main table on this row, with
 * its cached result (a number, or a text copied into the arena). */
void book_put_calc_num(annex_sheet *sh, unsigned row, unsigned col, double cached);
void book_put_calc_str(annex_book *b, annex_sheet *sh, unsigned row, unsigned col,
                       const char *cached);
/* Text styled as an input cell (computed = 0) or a computed one (the
 * legend of À propos). */
void book_put_styled(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, const char *s,
                     int computed);
/* A link to cell A1 of a sheet, showing `text`. */
void book_put_link(annex_book *b, annex_sheet *sh, unsigned row, unsigned col, const char *text,
                   annex_sheet_id target);

/* ---- references ----------------------------------------------------------- */
/* The header of column col of a sheet's main table (static). */
const char *annex_header(annex_sheet_id id, unsigned col);
/* Excel column letters of a 0-based column ("A", "Z", "AA"). */
void annex_col_letters(unsigned col, char out[4]);
/* "C7" (relative) for a 0-based row and column. */
const char *book_cell_ref(annex_book *b, unsigned row, unsigned col);
/* A whole column of a sheet's main table: Evenements[Année]. */
const char *book_col(annex_book *b, annex_sheet_id id, unsigned col);
/* The same column on the formula's own row: Evenements[[#This Row],[Année]]. */
const char *book_this(annex_book *b, annex_sheet_id id, unsigned col);
/* A whole column of any table, by names: Glossaire[Terme]. */
const char *book_table_col(annex_book *b, const char *table, const char *header);

/* "jour", "mois" or "année": how precise a date is (NULL: no date). */
const char *annex_date_prec_label(pr_date_precision p);

#endif
