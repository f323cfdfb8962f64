echo ok
fi
echo after
done
echo end
