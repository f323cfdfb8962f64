echo a > f; sed --in-place=.orig 's/a/b/' f; cat f f.orig
