printf 'b\nc\na\n' | awk '{print | "sort"}'
