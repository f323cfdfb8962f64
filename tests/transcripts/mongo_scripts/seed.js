use("shop");
db.items.insertMany([
  { sku: "a", qty: 5 },
  { sku: "b", qty: 0 }
]);
const n = db.items.countDocuments();
print("items: " + n);
