#ifndef C_TERMINAL_H
#define C_TERMINAL_H

/// Columns the terminal draws a Unicode code point in: the C library's wcwidth, asked in a UTF-8
/// character-type locale (C.UTF-8). -1 for a code point it does not print (a control character).
int cterminal_columns(unsigned int code_point);

#endif
