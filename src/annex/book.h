/* book.h — the annex's workbook as data, before any file is written: its
 * sheets in display order, their cells (text, numbers, dates, formulas with
 * their cached results), their tables, and the helpers the sheet builders
 * use to fill them. Internal to src/annex/: every file of the annex
 * includes it; nothing here knows libxlsxwriter (annex/xlsx.c writes a
 * book with it).
 *
 * How a book is made: book_init() names the sheets; the builders (the
 * sheets_*.c files) fill them in the order of annex_steps[], data sheets
 * first, because the formulas of Synthèse refer to the data sheets' ranges.
 * The writer builds, writes and forgets one data sheet at a time
 * (book_drop_cells), so that the book never holds more than one of them;
 * only their extents (tables' rows and columns) stay.
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

/* Most columns a sheet may have (the widest, Événements, has 23; each
 * sheet's header checks its own at compile time). */
#define ANNEX_MAX_COLS 32

/* ---- sheets --------------------------------------------------------------- */
/* The sheets in display order, one row each:
 *   X(ID, "sheet name", "name of its main table (ASCII)", "its line in À propos")
 * The name is what the reader sees and formulas refer to ('Élus'!$A$2:...);
 * annex_sheet_of_records() gives the sheet of each kind of record the
 * figures count. */
#define ANNEX_SHEET_TABLE(X)                                                                       \
    X(SH_ABOUT, "À propos", "Feuilles", "Cette page : ce qu'est l'annexe et comment la lire.")    \
    X(SH_SUMMARY, "Synthèse", "ChiffresCles",                                                      \
      "Les chiffres clés, recalculés par formule à partir des feuilles de données ; "             \
      "les personnes mobilisées par mois et leur graphique.")                                     \
    X(SH_CHECKS, "Contrôles", "Controles",                                                        \
      "Chaque chiffre publié (chiffres déclarés) comparé à la valeur recalculée.")                \
    X(SH_EVENTS, "Événements", "Evenements",                                                       \
      "Un événement par ligne (atelier, webinaire, rencontre, stand…).")                          \
    X(SH_SESSIONS, "Sessions", "Sessions",                                                         \
      "Une session d'événement par ligne (table ronde, mini-conférence, atelier…).")              \
    X(SH_SPEAKERS, "Intervenants", "Intervenants",                                                 \
      "Un intervenant par ligne, avec son événement et sa session.")                              \
    X(SH_PRESENCES, "Présences des élus", "Presences",                                             \
      "Une présence d'élu à un événement par ligne.")                                             \
    X(SH_WORKSTREAMS, "Chantiers", "Chantiers",                                                    \
      "Un chantier thématique par ligne, avec son statut pour l'année.")                          \
    X(SH_ACTIONS, "Actions", "Actions", "Une action de chantier par ligne.")                       \
    X(SH_OFFICIALS, "Élus", "Elus", "Un élu engagé par ligne.")                                    \
    X(SH_NETWORKS, "Réseaux locaux", "ReseauxLocaux", "Un réseau local par ligne.")                \
    X(SH_DEPTS, "Départements couverts", "DepartementsCouverts",                                   \
      "Un département couvert par au moins un réseau local actif par ligne.")                     \
    X(SH_TEAM, "Équipe", "Equipe", "Un membre de l'équipe d'animation par ligne.")                 \
    X(SH_CONSULTANCIES, "Prestataires", "Prestataires",                                            \
      "Un prestataire de l'équipe d'animation par ligne.")                                        \
    X(SH_PARTNERS, "Partenaires", "Partenaires",                                                   \
      "Un partenaire du comité de pilotage par ligne.")                                           \
    X(SH_MEETINGS, "Gouvernance", "Gouvernance", "Une réunion de gouvernance par ligne.")          \
    X(SH_NEWSLETTERS, "Lettres", "Lettres", "Une lettre d'info par ligne.")                        \
    X(SH_QUOTES, "Citations", "Citations", "Une citation par ligne.")

typedef enum {
#define ANNEX_SHEET_ID(id, name, table, about) id,
    ANNEX_SHEET_TABLE(ANNEX_SHEET_ID)
#undef ANNEX_SHEET_ID
    SH__N
} annex_sheet_id;

/* The first data sheet: the sheets from it on list records. */
#define SH_FIRST_DATA SH_EVENTS

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
    FMT__N
} annex_fmt;

typedef enum {
    CK_STR,        /* text */
    CK_NUM,        /* number */
    CK_DATE,       /* date (an Excel serial date once written) */
    CK_FNUM,       /* formula with a numeric cached result */
    CK_FSTR        /* formula with a text cached result */
} annex_cell_kind;

typedef struct annex_cell {
    unsigned row, col;    /* 0-based */
    annex_cell_kind kind;
    annex_fmt fmt;
    const char *s;        /* CK_STR: the text; CK_F*: the formula, with its '=' */
    const char *cached;   /* CK_FSTR: cached text result */
    double num;           /* CK_NUM: the value; CK_FNUM: the cached result */
    pr_date date;         /* CK_DATE */
} annex_cell;

/* An Excel table: a header row, then n_records rows (at least one is shown
 * and counted in ranges, even when there is no record). */
typedef struct annex_table {
    const char *name;     /* Excel table name (ASCII) */
    unsigned row, col;    /* header cell, 0-based */
    const char *const *headers;
    size_t n_cols;
    size_t n_records;
} annex_table;

typedef struct annex_sheet {
    const char *name;     /* from ANNEX_SHEET_TABLE */
    const char *table_name;
    const char *about;
    annex_cell *cells;    /* in the order written */
    size_t n_cells, cap_cells;
    annex_table tables[2];
    size_t n_tables;
    unsigned freeze_rows; /* header rows frozen (0: none) */
    /* Contrôles: a column of statuses, `ok` shown green, `gap` red */
    struct {
        int col;          /* -1: none */
        size_t rows;      /* rows 1..rows */
        const char *ok, *gap;
    } status;
    /* Synthèse: a column chart of two columns of its second table */
    struct {
        int present;
        unsigned row, col;           /* top left cell */
        unsigned cat_col, val_col;   /* the table's category and value columns */
        size_t n;                    /* rows charted (from the table's first record) */
        const char *title, *series, *y_axis;
    } chart;
} annex_sheet;

typedef struct annex_book {
    pr_arena arena;
    const pr_model *m;
    const pr_figures *f;
    const pr_checks *c;          /* may be NULL */
    const pr_annex_opts *o;      /* may be NULL */
    int year;
    annex_sheet sheets[SH__N];
    /* Synthèse: the figure formulas, with '=' (index: pr_figure_id) */
    const char **formulas;
    unsigned summary_first_row;  /* row of the first figure on Synthèse */
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

/* Every sheet in the order it is built: the data sheets (each needs only
 * the model), then Synthèse (its formulas read the data sheets' ranges),
 * Contrôles (reads Synthèse) and À propos (counts every sheet's rows). */
extern const annex_step annex_steps[SH__N];

/* An empty book: the sheets named, nothing built. c and o may be NULL. */
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

/* Start a sheet's main table at A1 (its name from ANNEX_SHEET_TABLE), with
 * its header row frozen. headers must live until the sheet is written
 * (static, or in the arena). */
annex_sheet *book_start_table(annex_book *b, annex_sheet_id id, const char *const *headers,
                              size_t n_cols, size_t n_records);
/* Add another table to a sheet (header cell at row, col). */
annex_table *book_add_table(annex_sheet *sh, const char *name, unsigned row, unsigned col,
                            const char *const *headers, size_t n_cols, size_t n_records);

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

/* ---- references ----------------------------------------------------------- */
/* Excel column letters of a 0-based column ("A", "Z", "AA"). */
void annex_col_letters(unsigned col, char out[4]);
/* "C7" (relative) for a 0-based row and column. */
const char *book_cell_ref(annex_book *b, unsigned row, unsigned col);
/* Absolute range of a column of a sheet's main table, sheet name included:
 * 'Événements'!$F$2:$F$12 (always at least one data row). */
const char *book_col_range(annex_book *b, annex_sheet_id id, unsigned col);

/* "jour", "mois" or "année": how precise a date is (NULL: no date). */
const char *annex_date_prec_label(pr_date_precision p);

#endif
