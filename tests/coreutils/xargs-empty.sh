printf '' | xargs echo x
