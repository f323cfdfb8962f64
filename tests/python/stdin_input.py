name = input("Name: ")
print("Hi", name)
