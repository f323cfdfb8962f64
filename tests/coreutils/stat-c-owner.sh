printf x > f; stat -c '%U %G %u %g' f
