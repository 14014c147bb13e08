" Vim and Neovim compiler file for brandlint's compact output.
" Copy to ~/.vim/compiler/ (Neovim: ~/.config/nvim/compiler/), then `:compiler brandlint`
" and `:make` (the current folder) or `:make %` (this file): findings fill the quickfix list.
" Columns are read as screen columns (%v): brandlint counts characters, which is the same
" unless a wide character (CJK, emoji) or a tab comes before the finding on its line.
" The last pattern drops every other line: the summary and notices.

if exists("current_compiler")
  finish
endif
let current_compiler = "brandlint"

if exists(":CompilerSet") != 2
  command -nargs=* CompilerSet setlocal <args>
endif

CompilerSet makeprg=brandlint\ check\ --format\ compact
CompilerSet errorformat=%f:%l:%v:\ %trror:\ %m,%f:%l:%v:\ %tarning:\ %m,%f:%l:%v:\ %tnfo:\ %m,%-G%.%#
