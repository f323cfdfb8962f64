use("shop")
const inStock = db.items.find({ qty: { $gt: 0 } }, { _id: 0 }).toArray()
inStock.length

db.items.findOne(
  { sku: "b" },
  { _id: 0 }
)
