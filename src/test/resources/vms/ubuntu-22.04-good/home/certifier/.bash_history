ls
sudo -i
