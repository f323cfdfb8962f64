echo cost | sed 's/cost/$5/'
