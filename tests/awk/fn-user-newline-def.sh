awk 'function add(a, b)
{
  return a + b
}
BEGIN { print add(2, 3) }'
