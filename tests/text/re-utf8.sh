echo 'cafÃ© ok' | grep -o 'ok'; echo 'naïve' | sed 's/ï/i/'
