import LossesChapter

LossesCommand.main()
