const data = {};
class Store {
  set(k, v) { data[k] = v; }
  get(k) { return data[k]; }
  size() { return Object.keys(data).length; }
}
export { Store };
